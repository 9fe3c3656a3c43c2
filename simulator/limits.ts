/**
 * The documented QPS limits of every built-in provider, as data: each provider's own table (simulator/<slug>/limits.ts)
 * composed. Every value is configurable (`limits` option, `vconf serve --faults file`, the control API); operations
 * without a documented figure are unlimited unless configured.
 */
import type { LimitRule } from './engine/faults.ts';
import { BUILTIN_PROVIDERS } from './providers.ts';

export const DOCUMENTED_LIMITS: readonly LimitRule[] = BUILTIN_PROVIDERS.flatMap((d) => d.limits);
