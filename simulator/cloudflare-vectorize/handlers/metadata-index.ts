/** Metadata indexes (fact sheet §2, §2.1, §4, §5): create/delete are asynchronous mutations; list shows applied ones. */
import { cfError } from '../errors.ts';
import type { IndexType } from '../model.ts';
import { okResponse } from '../wire.ts';
import { requireIndex, type CfContext } from './context.ts';

function checkPropertyName(name: string): void {
  if (name.includes('"') || name.startsWith('$') || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw cfError(40014, `invalid metadata index: propertyName ${JSON.stringify(name)} (no '"', not starting with '$', dot-separated path)`);
  }
}

export function createMetadataIndex(ctx: CfContext) {
  const index = requireIndex(ctx);
  const { propertyName, indexType } = ctx.body as { propertyName: string; indexType: IndexType };
  checkPropertyName(propertyName);
  const projected = ctx.state.mutations.projectedMetadataIndexes(index);
  if (!projected.has(propertyName) && projected.size >= ctx.opts.maxMetadataIndexes) {
    throw cfError(40014, `invalid metadata index: at most ${ctx.opts.maxMetadataIndexes} metadata indexes per index`);
  }
  const mutation = ctx.state.mutations.enqueue(index, { kind: 'createMetadataIndex', propertyName, indexType });
  return okResponse(200, ctx.headers, { mutationId: mutation.id });
}

export function listMetadataIndexes(ctx: CfContext) {
  const index = requireIndex(ctx);
  const metadataIndexes = [...index.metadataIndexes].map(([propertyName, indexType]) => ({ propertyName, indexType }));
  return okResponse(200, ctx.headers, { metadataIndexes });
}

export function deleteMetadataIndex(ctx: CfContext) {
  const index = requireIndex(ctx);
  const { propertyName } = ctx.body as { propertyName: string };
  checkPropertyName(propertyName);
  const mutation = ctx.state.mutations.enqueue(index, { kind: 'deleteMetadataIndex', propertyName });
  return okResponse(200, ctx.headers, { mutationId: mutation.id });
}
