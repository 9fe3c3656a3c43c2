/**
 * The built-in providers, in the order of the ready line and of reports. Adding a provider = a folder
 * `simulator/<slug>/` exporting a `description`, and one entry here.
 */
import { bailian } from './bailian/description.ts';
import { cloudflareVectorize } from './cloudflare-vectorize/description.ts';
import { ossVectors } from './oss-vectors/description.ts';

export const BUILTIN_PROVIDERS = [ossVectors, cloudflareVectorize, bailian] as const;

export type BuiltinProviders = typeof BUILTIN_PROVIDERS;
export type ProviderSlug = BuiltinProviders[number]['slug'];
export const PROVIDER_SLUGS: ProviderSlug[] = BUILTIN_PROVIDERS.map((d) => d.slug);
