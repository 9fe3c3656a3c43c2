// generated from specs/cloudflare-vectorize.yaml by scripts/gen-types.mjs; do not edit

export interface paths {
    "/accounts/{account_id}/vectorize/v2/indexes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        /**
         * List indexes
         * @description All indexes of the account in one page (the SDK's `SinglePage`; fact sheet §9).
         */
        get: operations["ListIndexes"];
        put?: never;
        /**
         * Create an index
         * @description Creates an index from explicit dimensions and metric, or from a preset. The name must not belong to an existing index or to a deleted one (fact sheet §4); `config` is required ("Config must be provided").
         */
        post: operations["CreateIndex"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        /**
         * Get an index
         * @description The index's name, description, config and timestamps.
         */
        get: operations["GetIndex"];
        put?: never;
        post?: never;
        /**
         * Delete an index
         * @description Deletes the index and its vectors; pending mutations are dropped. The name can never be used again (fact sheet §4: a known limitation). `result` is null.
         */
        delete: operations["DeleteIndex"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/info": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        /**
         * Index information
         * @description Dimensions, the number of vectors as of the last applied mutation, and which mutation that was and when it was applied. Poll this to learn when a write became visible (fact sheet §6).
         */
        get: operations["GetIndexInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/insert": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Insert vectors
         * @description Enqueues new vectors; ids that already exist are left unchanged, the first write wins (fact sheet §3).
         */
        post: operations["InsertVectors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/upsert": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upsert vectors
         * @description Enqueues vectors; existing ids are replaced wholesale (values, metadata and namespace; no merge) (fact sheet §3).
         */
        post: operations["UpsertVectors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/query": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Query nearest neighbours
         * @description Nearest neighbours of `vector`, or of the stored vector `vectorId`. Scores: cosine similarity (descending), euclidean distance (ascending), negative dot product (ascending) (fact sheet §4.1). The filter is applied before topK and only sees properties that had a metadata index when the vector was written (fact sheet §5).
         */
        post: operations["QueryVectors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/get_by_ids": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get vectors by id
         * @description The applied vectors with these ids, in request order; unknown ids are absent. At most 20 ids (40007 past it).
         */
        post: operations["GetVectorsByIds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/delete_by_ids": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete vectors by id
         * @description Delete a set of vectors from an index by their vector identifiers (seed 003_098483bba856862a.txt). Only enqueues a mutation and returns its `mutationId`; ids that match no vector are ignored when it is applied. At most 100 ids; more answers 40007 "too many ids in payload" (fact sheet §4).
         */
        post: operations["DeleteVectorsByIds"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        /**
         * List vector ids
         * @description Applied vector ids in ascending order, `count` per page, continued with `cursor` (fact sheet §2.1).
         */
        get: operations["ListVectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/metadata_index/create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a metadata index
         * @description Makes `propertyName` filterable for vectors written after this mutation is applied (fact sheet §5). At most 10 per index. Asynchronous: returns a `mutationId`.
         */
        post: operations["CreateMetadataIndex"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/metadata_index/list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        /**
         * List metadata indexes
         * @description The applied metadata indexes of the index.
         */
        get: operations["ListMetadataIndexes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/vectorize/v2/indexes/{index_name}/metadata_index/delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete a metadata index
         * @description Stops filtering on `propertyName`. Asynchronous: returns a `mutationId`.
         */
        post: operations["DeleteMetadataIndex"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Lower-case ASCII letters, digits and dashes, starting with a letter; at most 64 bytes (fact sheet §4). */
        IndexName: string;
        /** @enum {string} */
        Metric: "cosine" | "euclidean" | "dot-product";
        /** @enum {string} */
        Preset: "@cf/baai/bge-small-en-v1.5" | "@cf/baai/bge-base-en-v1.5" | "@cf/baai/bge-large-en-v1.5" | "openai/text-embedding-ada-002" | "cohere/embed-multilingual-v2.0";
        IndexDimensionConfiguration: {
            /** @description 32–1536 on the service (OAS says 1–1536; fact sheet §4); the simulator's range is configurable. */
            dimensions: number;
            metric: components["schemas"]["Metric"];
        };
        IndexPresetConfiguration: {
            preset: components["schemas"]["Preset"];
        };
        CreateIndexRequest: {
            name: components["schemas"]["IndexName"];
            description?: string;
            config: components["schemas"]["IndexDimensionConfiguration"] | components["schemas"]["IndexPresetConfiguration"];
        };
        IndexDescription: {
            name: components["schemas"]["IndexName"];
            description?: string;
            config: {
                dimensions: number;
                metric: components["schemas"]["Metric"];
                preset?: components["schemas"]["Preset"];
            };
            /** Format: date-time */
            created_on: string;
            /** Format: date-time */
            modified_on: string;
        };
        IndexInfo: {
            dimensions: number;
            /** @description Vectors in the index as of the last applied mutation. */
            vectorCount: number;
            /** @description The last applied mutation; absent until one has been applied. */
            processedUpToMutation?: string;
            /**
             * Format: date-time
             * @description When that mutation was applied; null until one has been applied.
             */
            processedUpToDatetime: string | null;
        };
        Mutation: {
            /**
             * @description The unique identifier for the async mutation operation containing the changeset (seed 003).
             * @example 0000aaaa-11bb-22cc-33dd-444444eeeeee
             */
            mutationId: string;
        };
        /** @description At most 64 bytes of UTF-8 (fact sheet §4; 40008 past it). */
        VectorId: string;
        /** @description At most 10 KiB as JSON; keys non-empty, without `.` or `"`, not starting with `$`; values string, number, boolean, string arrays or nested objects of those (fact sheet §3). */
        Metadata: Record<string, never>;
        /** @description One NDJSON line of an insert or upsert. */
        VectorInput: {
            id: components["schemas"]["VectorId"];
            values: number[];
            metadata?: components["schemas"]["Metadata"];
            namespace?: string;
        };
        VectorRecord: {
            id: string;
            values: number[];
            metadata?: Record<string, never>;
            namespace?: string | null;
        };
        QueryVectorsRequest: {
            /** @description The query vector; exactly one of `vector` and `vectorId` (fact sheet §2.1). */
            vector?: number[];
            /** @description Query by the stored vector with this id (Wrangler's query-by-id; fact sheet §2.1). */
            vectorId?: string;
            /** @default 5 */
            topK?: number;
            /** @default false */
            returnValues?: boolean;
            /**
             * @default none
             * @enum {string}
             */
            returnMetadata?: "none" | "indexed" | "all";
            /** @description Metadata filter: `{property: value}` or `{property: {$eq|$ne|$in|$nin|$lt|$lte|$gt|$gte: operand}}`, dot-nested paths, implicit AND; non-empty, < 2048 bytes as compact JSON (fact sheet §5). */
            filter?: Record<string, never>;
            /** @description Search only this namespace (sent by Wrangler; fact sheet §2.1). */
            namespace?: string;
        };
        QueryMatch: {
            id: string;
            score: number;
            values?: number[] | null;
            metadata?: Record<string, never> | null;
            namespace?: string | null;
        };
        QueryVectorsResultBody: {
            count: number;
            matches: components["schemas"]["QueryMatch"][];
        };
        GetVectorsByIdsRequest: {
            ids?: string[];
        };
        DeleteVectorsByIdsRequest: {
            /** @description A list of vector identifiers to delete from the index indicated by the path (seed 003). */
            ids?: string[];
        };
        ListVectorsResultBody: {
            count: number;
            isTruncated: boolean;
            totalCount: number;
            vectors: {
                id: string;
            }[];
            nextCursor?: string | null;
            /** Format: date-time */
            cursorExpirationTimestamp?: string | null;
        };
        /** @enum {string} */
        IndexType: "string" | "number" | "boolean";
        CreateMetadataIndexRequest: {
            propertyName: string;
            indexType: components["schemas"]["IndexType"];
        };
        DeleteMetadataIndexRequest: {
            propertyName: string;
        };
        ListMetadataIndexesResultBody: {
            metadataIndexes: {
                propertyName: string;
                indexType: components["schemas"]["IndexType"];
            }[];
        };
        Message: {
            code: number;
            message: string;
            documentation_url?: string;
            source?: {
                pointer?: string;
            };
            /** @description Causes of a generic error such as 6003 (fact sheet §7.3). */
            error_chain?: {
                code: number;
                message: string;
            }[];
        };
        Messages: components["schemas"]["Message"][];
        ErrorEnvelope: {
            result: null;
            /** @constant */
            success: false;
            errors: components["schemas"]["Message"][];
            messages: components["schemas"]["Messages"];
        };
    };
    responses: {
        /** @description The created index. */
        CreateIndexResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["IndexDescription"];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description Every index of the account. */
        ListIndexesResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["IndexDescription"][];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description The index. */
        GetIndexResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["IndexDescription"];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description Deleted; `result` is null (the SDK types it `unknown | string`). */
        DeleteIndexResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: null | string;
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description Index information as of the last applied mutation. */
        GetIndexInfoResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["IndexInfo"];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description The mutation was accepted and queued; it is applied later, in order. */
        MutationResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["Mutation"];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description The nearest neighbours. */
        QueryVectorsResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["QueryVectorsResultBody"];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description The applied vectors among the requested ids. */
        GetVectorsByIdsResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["VectorRecord"][];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description One page of vector ids. */
        ListVectorsResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["ListVectorsResultBody"];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description The applied metadata indexes. */
        ListMetadataIndexesResult: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    result: components["schemas"]["ListMetadataIndexesResultBody"];
                    /** @constant */
                    success: true;
                    errors: components["schemas"]["Messages"];
                    messages: components["schemas"]["Messages"];
                };
            };
        };
        /** @description Invalid request: index errors (3000–3005), missing or malformed credentials (9106, 6003 with an `error_chain`), an invalid account id (7003), and the data-plane codes 400xx (fact sheet §7). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"] & {
                    errors?: {
                        /** @enum {unknown} */
                        code?: 3000 | 3001 | 3002 | 3003 | 3004 | 3005 | 6003 | 7003 | 9106 | 40006 | 40007 | 40008 | 40009 | 40010 | 40011 | 40012 | 40013 | 40014 | 40015 | 40023 | 40025 | 40026;
                    }[];
                };
            };
        };
        /** @description The credentials are valid but not for this account, or lack the Vectorize permission (fact sheet §7.3). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"] & {
                    errors?: {
                        /** @enum {unknown} */
                        code?: 10000;
                    }[];
                };
            };
        };
        /** @description Unknown index (3000) or a deleted one (3005) when the simulator answers them with 404 (configurable; the default is 400), and unknown routes (7000). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"] & {
                    errors?: {
                        /** @enum {unknown} */
                        code?: 3000 | 3005 | 7000;
                    }[];
                };
            };
        };
        /** @description The body exceeds the upload limit (100 MB, fact sheet §4). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"] & {
                    errors?: {
                        /** @enum {unknown} */
                        code?: 40005;
                    }[];
                };
            };
        };
        /** @description Rate limited; `Retry-After` says how many seconds to wait (fact sheet §8). The SDK retries it. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"] & {
                    errors?: {
                        /** @enum {unknown} */
                        code?: 971;
                    }[];
                };
            };
        };
        /** @description An injected failure (any code), or 501 naming an operation the simulator does not implement. */
        ServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
    };
    parameters: {
        /**
         * @description Account identifier (seed 003 `maxLength32`).
         * @example 023e105f4ecef8ad9ca31a8372d0c353
         */
        AccountId: string;
        /** @description The index name (not an id). */
        IndexName: components["schemas"]["IndexName"];
        /** @description What to do with NDJSON lines that are not valid JSON: `error` (the default assumed here: undocumented) fails the request with 40023; `discard` drops them (fact sheet §3). */
        UnparsableBehavior: "error" | "discard";
    };
    requestBodies: {
        /** @description NDJSON, one `VectorInput` object per line: either the raw body (`Content-Type: application/x-ndjson`, as the SDK sends it) or a multipart/form-data part named `vectors` (as Wrangler and the docs' Python example send it) (fact sheet §3). At most 5000 vectors per request. */
        VectorsNdjson: {
            content: {
                /**
                 * @example {"id":"a","values":[0.1,0.2,0.3],"metadata":{"genre":"drama"}}
                 *     {"id":"b","values":[0.4,0.5,0.6],"namespace":"docs"}
                 */
                "application/x-ndjson": string;
                "multipart/form-data": {
                    /** @description The NDJSON file (Wrangler names it `vectors.ndjson`). */
                    vectors: string;
                };
            };
        };
    };
    headers: {
        /** @description Seconds to wait before retrying, rounded up (fact sheet §8). */
        RetryAfter: number;
        /** @description The tightest rate-limit rule that counted this request: its name, the requests remaining (r) and the seconds until quota frees up (t), e.g. `"default";r=50;t=30` (fact sheet §8). Sent whenever a limit applies. */
        Ratelimit: string;
        /** @description The same rule's quota (q) per window of w seconds, e.g. `"burst";q=100;w=60` (fact sheet §8). */
        RatelimitPolicy: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ListIndexes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ListIndexesResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    CreateIndex: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateIndexRequest"];
            };
        };
        responses: {
            200: components["responses"]["CreateIndexResult"];
            201: components["responses"]["CreateIndexResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    GetIndex: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["GetIndexResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    DeleteIndex: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["DeleteIndexResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    GetIndexInfo: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["GetIndexInfoResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    InsertVectors: {
        parameters: {
            query?: {
                /** @description What to do with NDJSON lines that are not valid JSON: `error` (the default assumed here: undocumented) fails the request with 40023; `discard` drops them (fact sheet §3). */
                "unparsable-behavior"?: components["parameters"]["UnparsableBehavior"];
            };
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["VectorsNdjson"];
        responses: {
            200: components["responses"]["MutationResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    UpsertVectors: {
        parameters: {
            query?: {
                /** @description What to do with NDJSON lines that are not valid JSON: `error` (the default assumed here: undocumented) fails the request with 40023; `discard` drops them (fact sheet §3). */
                "unparsable-behavior"?: components["parameters"]["UnparsableBehavior"];
            };
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["VectorsNdjson"];
        responses: {
            200: components["responses"]["MutationResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    QueryVectors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueryVectorsRequest"];
            };
        };
        responses: {
            200: components["responses"]["QueryVectorsResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    GetVectorsByIds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetVectorsByIdsRequest"];
            };
        };
        responses: {
            200: components["responses"]["GetVectorsByIdsResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    DeleteVectorsByIds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteVectorsByIdsRequest"];
            };
        };
        responses: {
            200: components["responses"]["MutationResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    ListVectors: {
        parameters: {
            query?: {
                /** @description Page size, 1–1000, default 100 (fact sheet §2.1, §4). */
                count?: number;
                /** @description The `nextCursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ListVectorsResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    CreateMetadataIndex: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMetadataIndexRequest"];
            };
        };
        responses: {
            200: components["responses"]["MutationResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    ListMetadataIndexes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ListMetadataIndexesResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    DeleteMetadataIndex: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Account identifier (seed 003 `maxLength32`).
                 * @example 023e105f4ecef8ad9ca31a8372d0c353
                 */
                account_id: components["parameters"]["AccountId"];
                /** @description The index name (not an id). */
                index_name: components["parameters"]["IndexName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteMetadataIndexRequest"];
            };
        };
        responses: {
            200: components["responses"]["MutationResult"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
}
