/** Index operations (fact sheet §2, §2.1, §4). */
import { cfError } from '../errors.ts';
import { PRESETS, type CfIndex, type CfMetric } from '../model.ts';
import { isoMicros, okResponse } from '../wire.ts';
import { requireIndex, type CfContext } from './context.ts';

/** DOC-INTRO / docs PR #11529: lower-case ASCII letters, digits and dashes, starting with a letter. */
const NAME = /^[a-z][a-z0-9-]*$/;

export function indexJson(index: CfIndex) {
  return {
    config: { dimensions: index.dimensions, metric: index.metric, ...(index.preset ? { preset: index.preset } : {}) },
    created_on: isoMicros(index.createdAt),
    ...(index.description !== undefined ? { description: index.description } : {}),
    modified_on: isoMicros(index.modifiedAt),
    name: index.name,
  };
}

export function createIndex(ctx: CfContext) {
  const b = ctx.body as { name?: unknown; description?: unknown; config?: unknown };
  const { opts } = ctx;
  if (typeof b.name !== 'string') throw cfError(3003, 'vectorize.index.invalid_name - name must be a string');
  const bytes = Buffer.byteLength(b.name);
  if (!NAME.test(b.name) || bytes > opts.maxIndexNameBytes) {
    throw cfError(3003, `vectorize.index.invalid_name - Index name "${b.name}" must be 1–${opts.maxIndexNameBytes} bytes of lower-case letters, digits and dashes, starting with a letter`);
  }
  if (b.description !== undefined && typeof b.description !== 'string') throw cfError(3001, 'vectorize.index.invalid_config - description must be a string');
  // Observed: a flat {name, dimensions, metric} body fails with "Config must be provided" (fact sheet §2.1).
  if (b.config === null || typeof b.config !== 'object' || Array.isArray(b.config)) {
    throw cfError(3001, 'vectorize.index.invalid_config - Config must be provided');
  }
  const config = b.config as { dimensions?: unknown; metric?: unknown; preset?: unknown };
  let dimensions: number;
  let metric: CfMetric;
  let preset: string | undefined;
  if (config.preset !== undefined) {
    const p = typeof config.preset === 'string' && Object.hasOwn(PRESETS, config.preset) ? PRESETS[config.preset] : undefined;
    if (!p) throw cfError(3001, `vectorize.index.invalid_config - Unknown preset ${JSON.stringify(config.preset)}; one of ${Object.keys(PRESETS).join(', ')}`);
    if (config.dimensions !== undefined || config.metric !== undefined) {
      throw cfError(3001, 'vectorize.index.invalid_config - a preset cannot be combined with dimensions or metric');
    }
    ({ dimensions, metric } = p);
    preset = config.preset as string;
  } else {
    if (!Number.isInteger(config.dimensions) || (config.dimensions as number) < opts.minDimensions || (config.dimensions as number) > opts.maxDimensions) {
      throw cfError(3001, `vectorize.index.invalid_config - Dimensions must be in range: [${opts.minDimensions}, ${opts.maxDimensions}]`);
    }
    if (config.metric !== 'cosine' && config.metric !== 'euclidean' && config.metric !== 'dot-product') {
      throw cfError(3001, 'vectorize.index.invalid_config - Metric must be one of: cosine, euclidean, dot-product');
    }
    dimensions = config.dimensions as number;
    metric = config.metric;
  }
  const index = ctx.state.createIndex(ctx.accountId, { name: b.name, description: b.description as string | undefined, dimensions, metric, preset });
  return okResponse(opts.createIndexStatus, ctx.headers, indexJson(index));
}

export function listIndexes(ctx: CfContext) {
  return okResponse(200, ctx.headers, ctx.state.listIndexes(ctx.accountId).map(indexJson));
}

export function getIndex(ctx: CfContext) {
  return okResponse(200, ctx.headers, indexJson(requireIndex(ctx)));
}

export function deleteIndex(ctx: CfContext) {
  ctx.state.deleteIndex(requireIndex(ctx));
  return okResponse(200, ctx.headers, null);
}

/** fact sheet §2.1, §6: counts and progress as of the last applied mutation. */
export function getIndexInfo(ctx: CfContext) {
  const index = requireIndex(ctx);
  return okResponse(200, ctx.headers, {
    dimensions: index.dimensions,
    vectorCount: index.store.size,
    processedUpToDatetime: index.processedUpTo ? isoMicros(index.processedUpTo.at) : null,
    ...(index.processedUpTo ? { processedUpToMutation: index.processedUpTo.id } : {}),
  });
}
