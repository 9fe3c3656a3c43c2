// generated from specs/oss-vectors.yaml by scripts/gen-types.mjs; do not edit

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the vector buckets of the account
         * @description Lists vector buckets in lexicographic order, starting after `marker`. When the listing is complete, `Prefix`, `Marker`, `MaxKeys`, `IsTruncated` and `NextMarker` are omitted; paginators loop while `IsTruncated` is true, feeding `NextMarker` back as `marker` (fact sheet §3.3).
         */
        get: operations["ListVectorBuckets"];
        /**
         * Create a vector bucket
         * @description Creates the bucket named by the host. No request body (SDKs send `Content-MD5` of the empty body). Names are 3–32 characters of `[a-z0-9-]`, not starting or ending with `-`, unique per account and region. The quota is 10 buckets per region on most pages and 100 on the newest ones (fact sheet §3.1, §6, §11.1). A name deleted recently cannot be reused for hours (`BucketNameNotAvailable`).
         */
        put: operations["PutVectorBucket"];
        post?: never;
        /**
         * Delete a vector bucket
         * @description Deletes the bucket named by the host. All its vector indexes must be deleted first, else 409 `VectorBucketNotEmpty`; only the owner may delete it, else 403 `AccessDenied`; irreversible (seed 002_46cf8975b9631b69.txt). The real service answers 404 `NoSuchBucket` for a missing bucket (fact sheet §3.4).
         */
        delete: operations["DeleteVectorBucket"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?bucketInfo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the vector bucket's information
         * @description Returns `{"BucketInfo":{…}}` with exactly one root key; `Name` is the bucket ARN `acs:ossvector:{region}:{accountId}:{bucket}` (fact sheet §3.2).
         */
        get: operations["GetVectorBucket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?putVectorIndex": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a vector index
         * @description Creates an index whose dataType, dimension, distanceMetric and non-filterable metadata keys are fixed for its life. At most 100 indexes per bucket (`VectorBucketIndexExceedLimit`) and 5 PutVectorIndex requests per second. The real service checks that the bucket exists before validating the body (fact sheet §3.5, §6).
         */
        post: operations["PutVectorIndex"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?getVectorIndex": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a vector index
         * @description Returns `{"index":{…}}` (camelCase). The Go SDK sends this request without a Content-Type header (fact sheet §3.6).
         */
        post: operations["GetVectorIndex"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?listVectorIndexes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List the vector indexes of a bucket
         * @description Lexicographic listing resuming after `nextToken`; `nextToken` is present in the result only when more remain. At most 16 concurrent calls (fact sheet §3.7).
         */
        post: operations["ListVectorIndexes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?deleteVectorIndex": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete a vector index and all its vectors
         * @description Deletes the index and every vector in it; irreversible. 409 `VectorIndexOperationConflict` when the index status is not `enable` (seed 000_325d4cc8e00416e9.txt).
         */
        post: operations["DeleteVectorIndex"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?putVectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Write vectors into an index
         * @description Writes 1–500 vectors; an existing key is overwritten; a key repeated within one batch fails the whole request; each `data.float32` must have the index's dimension and contain only finite numbers (for `cosine`, not all zeros). Not atomic on 5xx: any subset of the batch may have been applied (fact sheet §3.9, §5).
         */
        post: operations["PutVectors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?getVectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get vectors by key
         * @description Returns the vectors found among `keys`; missing keys are silently omitted. `data` is returned only with `returnData`, `metadata` only with `returnMetadata`. The Go SDK sends no Content-Type (fact sheet §3.10).
         */
        post: operations["GetVectors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?listVectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List the vectors of an index
         * @description Pages through an index, optionally as one of `segmentCount` parallel segments. An absent or empty `nextToken` in the result means done. A page is also capped at about 1 MB (fact sheet §3.11).
         */
        post: operations["ListVectors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?deleteVectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete vectors by key
         * @description Deletes the vectors with the given keys, in batches of 1–500 unique keys; keys that match no vector are ignored without error; irreversible. On a 5xx (e.g. 503 `QpsLimitExceeded`) only part of the batch may have been deleted: the write is not atomic (seed 001_3830517637282d1c.txt).
         */
        post: operations["DeleteVectors"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/?queryVectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approximate nearest-neighbour search
         * @description Returns up to `topK` hits ordered by increasing distance; `distance` only with `returnDistance`, `metadata` only with `returnMetadata`; no `returnData` flag exists. The filter applies during the search, so fewer than `topK` hits may come back. New writes become queryable after about 2–3 s, and recall is low during the first 30 s after index creation (fact sheet §3.13).
         */
        post: operations["QueryVectors"];
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
        /**
         * @description Vector bucket name: 3–32 characters, lowercase letters, digits and `-`, not starting or ending with `-` (fact sheet §3.1). It travels in the host name only.
         * @example examplebucket
         */
        BucketName: string;
        /**
         * @description Vector index name: 1–63 characters, letters and digits, starting with a letter (fact sheet §3.5). Newer doc examples use hyphens (`my-vector-index`); whether the service accepts them is unknown (fact sheet §11.7), so this keeps the documented rule.
         * @example vectorindex1
         */
        IndexName: string;
        /**
         * @description Vector primary key, 1–1024 characters of UTF-8 (fact sheet §3.9).
         * @example doc-001
         */
        VectorKey: string;
        /**
         * @description A non-filterable metadata key: 1–63 bytes of `[A-Za-z0-9_]`, starting with a letter or `_` (fact sheet §3.5).
         * @example category
         */
        MetadataKeyName: string;
        /**
         * @description Only `float32` (fact sheet §3.5).
         * @enum {string}
         */
        DataType: "float32";
        /**
         * @description `euclidean` or `cosine` (fact sheet §3.5).
         * @enum {string}
         */
        DistanceMetric: "euclidean" | "cosine";
        /**
         * @description Vector dimension, 1–4096 (fact sheet §3.5).
         * @example 512
         */
        Dimension: number;
        /**
         * @description Vector values. `float32` must have the index's dimension and contain only finite numbers; values are stored as 32-bit floats (fact sheet §3.9).
         * @example {
         *       "float32": [
         *         0.1,
         *         0.2,
         *         0.3
         *       ]
         *     }
         */
        VectorData: {
            float32: number[];
        };
        /**
         * @description Vector metadata. At most 40 KB in total; the filterable part (every key not listed in the index's `nonFilterableMetadataKeys`) at most 2 KB and 10 keys. Filterable values are strings or string arrays on the strictest pages; other pages also allow numbers and booleans (fact sheet §3.9, §11.5). The simulator enforces these limits.
         * @example {
         *       "genre": "comedy",
         *       "tags": [
         *         "funny",
         *         "short"
         *       ]
         *     }
         */
        Metadata: {
            [key: string]: unknown;
        };
        /**
         * @description A vector as written by PutVectors (fact sheet §3.9).
         * @example {
         *       "key": "doc-001",
         *       "data": {
         *         "float32": [
         *           0.1,
         *           0.2,
         *           0.3
         *         ]
         *       },
         *       "metadata": {
         *         "genre": "comedy"
         *       }
         *     }
         */
        Vector: {
            key: components["schemas"]["VectorKey"];
            data: components["schemas"]["VectorData"];
            metadata?: components["schemas"]["Metadata"];
        };
        /**
         * @description A vector as returned by GetVectors and ListVectors; `data` and `metadata` only when requested (fact sheet §3.10, §3.11).
         * @example {
         *       "key": "doc-001"
         *     }
         */
        VectorRecord: {
            key: components["schemas"]["VectorKey"];
            data?: components["schemas"]["VectorData"];
            metadata?: components["schemas"]["Metadata"];
        };
        /**
         * @description One QueryVectors hit; `distance` only with `returnDistance`, `metadata` only with `returnMetadata` (fact sheet §3.13).
         * @example {
         *       "key": "doc-001",
         *       "distance": 0.12
         *     }
         */
        QueryHit: {
            key: components["schemas"]["VectorKey"];
            distance?: number;
            metadata?: components["schemas"]["Metadata"];
        };
        /**
         * @description Metadata filter: `$eq`, `$ne`, `$in`, `$nin`, `$exists`, `$and`, `$or` (and, on some doc versions, `$gt`, `$gte`, `$lt`, `$lte` on numbers). At most 64 KB, 1024 filterable-metadata items and 8 nesting levels; an empty filter is allowed (fact sheet §3.13). The simulator parses and enforces it.
         * @example {
         *       "$and": [
         *         {
         *           "type": {
         *             "$in": [
         *               "comedy",
         *               "documentary"
         *             ]
         *           }
         *         },
         *         {
         *           "year": {
         *             "$eq": "2020"
         *           }
         *         }
         *       ]
         *     }
         */
        Filter: Record<string, never>;
        /**
         * @description A vector bucket as described by GetVectorBucket and ListVectorBuckets (PascalCase). `Name` is the bucket ARN; `Location` is the OSS-style `oss-<region>`; `ResourceGroupId` appears in SDK models only (fact sheet §3.2).
         * @example {
         *       "CreationDate": "2025-04-17T07:51:28.000Z",
         *       "ExtranetEndpoint": "cn-hangzhou.oss-vectors.aliyuncs.com",
         *       "IntranetEndpoint": "cn-hangzhou-internal.oss-vectors.aliyuncs.com",
         *       "Location": "oss-cn-hangzhou",
         *       "Region": "cn-hangzhou",
         *       "Name": "acs:ossvector:cn-hangzhou:1234567890:examplebucket"
         *     }
         */
        BucketInfo: {
            /**
             * Format: date-time
             * @description ISO-8601 UTC, emitted as `YYYY-MM-DDTHH:MM:SS.000Z`.
             */
            CreationDate: string;
            ExtranetEndpoint: string;
            IntranetEndpoint: string;
            Location: string;
            Region: string;
            /** @description Bucket ARN `acs:ossvector:{region}:{accountId}:{bucket}`. */
            Name: string;
            ResourceGroupId?: string;
        };
        /** @description Exactly one root key, `BucketInfo` (fact sheet §3.2, §4.3). */
        GetVectorBucketResult: {
            BucketInfo: components["schemas"]["BucketInfo"];
        };
        /** @description Exactly one root key, `ListAllMyBucketsResult` (fact sheet §3.3, §4.3). */
        ListVectorBucketsResult: {
            /** @description `Buckets` is a JSON array. The pagination fields are omitted once everything has been returned; `MaxKeys` must be a JSON number and `IsTruncated` a JSON boolean (Go SDK). */
            ListAllMyBucketsResult: {
                Prefix?: string;
                Marker?: string;
                MaxKeys?: number;
                IsTruncated?: boolean;
                NextMarker?: string;
                Buckets?: components["schemas"]["BucketInfo"][];
            };
        };
        /** @description A vector index (camelCase). `status` is `creating`, `enable` or `deleting` per the docs (the Go mocks use `running`, fact sheet §11.8). `vectorBucketName` (Go mocks) and `bucketArn` (newest pt-br page) may appear (fact sheet §3.6, §11.9). */
        VectorIndex: {
            indexName: components["schemas"]["IndexName"];
            /** Format: date-time */
            createTime: string;
            dataType: components["schemas"]["DataType"];
            dimension: components["schemas"]["Dimension"];
            distanceMetric: components["schemas"]["DistanceMetric"];
            metadata?: {
                nonFilterableMetadataKeys?: components["schemas"]["MetadataKeyName"][];
            };
            /** @enum {string} */
            status: "creating" | "enable" | "deleting";
            vectorBucketName?: components["schemas"]["BucketName"];
            bucketArn?: string;
        };
        /** @description Body of PutVectorIndex (fact sheet §3.5). The docs name defaults (`float32`, 512, `euclidean`), but the Go SDK requires all four fields client-side and ossutil always sends them, so they are required here. */
        PutVectorIndexRequest: {
            indexName: components["schemas"]["IndexName"];
            dataType: components["schemas"]["DataType"];
            dimension: components["schemas"]["Dimension"];
            distanceMetric: components["schemas"]["DistanceMetric"];
            /** @description Only `nonFilterableMetadataKeys` is allowed. */
            metadata?: {
                /** @description 1–10 keys (one ossutil page says 1–100; fact sheet §11.6). */
                nonFilterableMetadataKeys?: components["schemas"]["MetadataKeyName"][];
            };
        };
        /** @description Body of GetVectorIndex (fact sheet §3.6). */
        GetVectorIndexRequest: {
            indexName: components["schemas"]["IndexName"];
        };
        GetVectorIndexResult: {
            index: components["schemas"]["VectorIndex"];
        };
        /** @description Body of ListVectorIndexes; every field is optional, so `{}` lists the first page (fact sheet §3.7). */
        ListVectorIndexesRequest: {
            /** @description Page size 0–500; 0 or absent means 100. */
            maxResults?: number;
            /** @description Continuation token from the previous page, 1–512 bytes. */
            nextToken?: string;
            /** @description Index-name prefix. */
            prefix?: string;
        };
        ListVectorIndexesResult: {
            indexes: components["schemas"]["VectorIndex"][];
            /** @description Present only when more indexes remain. */
            nextToken?: string;
        };
        /** @description Body of DeleteVectorIndex (seed 000_325d4cc8e00416e9.txt). */
        DeleteVectorIndexRequest: {
            indexName: components["schemas"]["IndexName"];
        };
        /** @description Body of PutVectors: 1–500 vectors (an older page instead bounds the array at 1 KB–500 KB, fact sheet §11.21). A key repeated within the batch fails the whole request; the simulator checks that (fact sheet §3.9). */
        PutVectorsRequest: {
            indexName: components["schemas"]["IndexName"];
            vectors: components["schemas"]["Vector"][];
        };
        /** @description Body of GetVectors (fact sheet §3.10). Duplicate keys are allowed. */
        GetVectorsRequest: {
            indexName: components["schemas"]["IndexName"];
            /** @description 1–100 keys (the newest zh page counts after de-duplication; fact sheet §3.10). */
            keys: components["schemas"]["VectorKey"][];
            /** @default false */
            returnData?: boolean;
            /** @default false */
            returnMetadata?: boolean;
        };
        /** @description The vectors found; missing keys are omitted (fact sheet §3.10). */
        GetVectorsResult: {
            vectors: components["schemas"]["VectorRecord"][];
        };
        /** @description Body of ListVectors (fact sheet §3.11). */
        ListVectorsRequest: {
            indexName: components["schemas"]["IndexName"];
            /**
             * @description Page size 1–1000, default 500.
             * @default 500
             */
            maxResults?: number;
            /** @description 1–2048 bytes on the API page (the ossutil page says 1–512; fact sheet §3.11). */
            nextToken?: string;
            /** @default false */
            returnData?: boolean;
            /** @default false */
            returnMetadata?: boolean;
            /** @description Parallel scan degree, 1–16; 1 means a serial scan. */
            segmentCount?: number;
            /** @description 0-based segment, must be less than `segmentCount` (checked by the simulator). */
            segmentIndex?: number;
        };
        /** @description An absent or empty `nextToken` means the listing is complete (fact sheet §3.11). */
        ListVectorsResult: {
            vectors: components["schemas"]["VectorRecord"][];
            nextToken?: string;
        };
        /**
         * @description Body of DeleteVectors (seed 001_3830517637282d1c.txt). `indexName` is marked "Required: No" by the seed (the Go SDK requires it client-side). The number of *unique* keys must be 1–500: raw duplicates are allowed, so the schema sets only `minItems: 1` and states the unique bound as `x-max-unique-items`, which the simulator enforces. Keys matching no vector are ignored.
         * @example {
         *       "indexName": "vectorindex1",
         *       "keys": [
         *         "doc-001",
         *         "doc-002"
         *       ]
         *     }
         */
        DeleteVectorsRequest: {
            indexName?: components["schemas"]["IndexName"];
            keys: components["schemas"]["VectorKey"][];
        };
        /** @description Body of QueryVectors (fact sheet §3.13). */
        QueryVectorsRequest: {
            indexName: components["schemas"]["IndexName"];
            queryVector: components["schemas"]["VectorData"];
            /** @description Number of hits, at least 1. The absolute bound is 100; the zh API page caps it at 30 unless raised by support (fact sheet §11.4), so the simulator enforces a configurable lower default of 30 (`x-default-maximum`). */
            topK: number;
            filter?: components["schemas"]["Filter"];
            /** @default false */
            returnDistance?: boolean;
            /** @default false */
            returnMetadata?: boolean;
        };
        /** @description Hits ordered by increasing distance (fact sheet §3.13). */
        QueryVectorsResult: {
            vectors: components["schemas"]["QueryHit"][];
        };
        /**
         * @description Every error code the simulator can return (simulator/oss-vectors/errors.ts, fact sheet §4.4).
         * @enum {string}
         */
        ErrorCode: "VectorIndexParameterInvalid" | "MalformedJson" | "AccessDenied" | "NoSuchVectorIndex" | "VectorIndexOperationConflict" | "QpsLimitExceeded" | "InvalidVectorBucketName" | "VectorBucketNotEmpty" | "NoSuchBucket" | "TooManyBuckets" | "BucketAlreadyExists" | "BucketNameNotAvailable" | "VectorBucketIndexExceedLimit" | "VectorBucketIndexAlreadyExist" | "InvalidAccessKeyId" | "SignatureDoesNotMatch" | "RequestTimeTooSkewed" | "InvalidArgument" | "EntityTooLarge" | "MethodNotAllowed" | "InternalError" | "NotImplemented";
        /**
         * @description Error body, a single root key `Error` (fact sheet §4.1). Extra string fields such as `BucketName`, `RecommendDoc` or `SignatureProvided` may appear.
         * @example {
         *       "Error": {
         *         "Code": "NoSuchBucket",
         *         "Message": "The specified bucket does not exist.",
         *         "RequestId": "5C3D9175B6FC201293AD1234",
         *         "HostId": "examplebucket-1234567890.cn-hangzhou.oss-vectors.aliyuncs.com",
         *         "EC": "0015-00000101"
         *       }
         *     }
         */
        ErrorBody: {
            Error: {
                Code: components["schemas"]["ErrorCode"];
                Message: string;
                RequestId: string;
                HostId: string;
                EC: string;
                RecommendDoc?: string;
                BucketName?: string;
            } & {
                [key: string]: string;
            };
        };
    };
    responses: {
        /** @description Bucket created; empty body (`Content-Length: 0`) and a `Location` header (fact sheet §3.1). */
        BucketCreated: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                Location: components["headers"]["Location"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Success with an empty body (fact sheet §2). */
        EmptyOk: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Success, 204 No Content (seeds 000, 001, 002 sample responses). */
        NoContent: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Invalid request. */
        BadRequestGeneric: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "InvalidArgument" | "EntityTooLarge";
                    };
                };
            };
        };
        /** @description Invalid bucket name (seed 002_46cf8975b9631b69.txt) or invalid request. An oversize body answers `EntityTooLarge` with 400 (the simulator's choice; classic OSS uses 400 too). */
        BadRequestBucket: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "InvalidVectorBucketName" | "InvalidArgument" | "EntityTooLarge";
                    };
                };
            };
        };
        /** @description Invalid bucket name or bucket quota reached (fact sheet §3.1). */
        BadRequestPutBucket: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "InvalidVectorBucketName" | "TooManyBuckets" | "InvalidArgument" | "EntityTooLarge";
                    };
                };
            };
        };
        /** @description Invalid index or vector parameter, unparsable JSON body, or an oversize body (seed 000_325d4cc8e00416e9.txt, seed 001_3830517637282d1c.txt). */
        BadRequestIndex: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "VectorIndexParameterInvalid" | "MalformedJson" | "InvalidArgument" | "EntityTooLarge";
                    };
                };
            };
        };
        /** @description As BadRequestIndex, plus the per-bucket index quota (fact sheet §3.5). */
        BadRequestPutIndex: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "VectorIndexParameterInvalid" | "MalformedJson" | "VectorBucketIndexExceedLimit" | "InvalidArgument" | "EntityTooLarge";
                    };
                };
            };
        };
        /** @description No credentials or no permission (seeds 000, 001, 002), unknown access key, bad signature, or clock skew over 15 minutes (fact sheet §4.4, §7.4). */
        Forbidden: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "AccessDenied" | "InvalidAccessKeyId" | "SignatureDoesNotMatch" | "RequestTimeTooSkewed";
                    };
                };
            };
        };
        /** @description The bucket does not exist (fact sheet §4.4, real service). */
        NotFoundBucket: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "NoSuchBucket";
                    };
                };
            };
        };
        /** @description The bucket or the vector index does not exist (seed 000_325d4cc8e00416e9.txt, seed 001_3830517637282d1c.txt; fact sheet §4.4). */
        NotFoundIndex: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "NoSuchBucket" | "NoSuchVectorIndex";
                    };
                };
            };
        };
        /** @description The name is taken (`BucketAlreadyExists`, SDK mocks only) or was deleted too recently (`BucketNameNotAvailable`) (fact sheet §3.1, §11.12). */
        ConflictPutBucket: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "BucketAlreadyExists" | "BucketNameNotAvailable";
                    };
                };
            };
        };
        /** @description The bucket still holds vector indexes (seed 002_46cf8975b9631b69.txt). */
        ConflictDeleteBucket: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "VectorBucketNotEmpty";
                    };
                };
            };
        };
        /** @description An index with this name already exists in the bucket (fact sheet §3.5). */
        ConflictPutIndex: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "VectorBucketIndexAlreadyExist";
                    };
                };
            };
        };
        /** @description The index status is not `enable` (seed 000_325d4cc8e00416e9.txt). */
        ConflictDeleteIndex: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "VectorIndexOperationConflict";
                    };
                };
            };
        };
        /** @description Internal error; injectable on every operation. SDKs retry 5xx (fact sheet §8.5). */
        InternalError: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "InternalError";
                    };
                };
            };
        };
        /** @description The simulator does not implement this operation or a requested feature. */
        NotImplemented: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "NotImplemented";
                    };
                };
            };
        };
        /** @description Request rate limited (seed 001_3830517637282d1c.txt). After a 5xx a batch write may be partially applied. SDKs retry 5xx (fact sheet §8.5). */
        ServiceUnavailable: {
            headers: {
                "x-oss-request-id": components["headers"]["RequestId"];
                Date: components["headers"]["Date"];
                Server: components["headers"]["Server"];
                "x-oss-ec": components["headers"]["ErrorCode"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"] & {
                    Error: {
                        /** @enum {string} */
                        Code: "QpsLimitExceeded";
                    };
                };
            };
        };
    };
    parameters: {
        /** @description Resource group, sent by the SDKs; not in the API pages (fact sheet §3.1, §3.3). */
        ResourceGroupId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Request id, 24 characters on the real service (fact sheet §1.4).
         * @example 534B371674E88A4D8906ABCD
         */
        RequestId: string;
        /**
         * @description Server time, RFC 1123 GMT.
         * @example Thu, 17 Apr 2025 01:33:47 GMT
         */
        Date: string;
        /**
         * @description Always `AliyunOSS` (seeds 000, 001, 002 sample responses).
         * @example AliyunOSS
         */
        Server: "AliyunOSS";
        /**
         * @description The error's EC code, repeated from the body (fact sheet §1.4, §4.1).
         * @example 0015-00000101
         */
        ErrorCode: string;
        /**
         * @description `/{bucket}`, the created bucket (fact sheet §3.1).
         * @example /examplebucket
         */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ListVectorBuckets: {
        parameters: {
            query?: {
                /** @description Only buckets whose name starts with this prefix. */
                prefix?: string;
                /** @description Start the listing after this bucket name (alphabetical). */
                marker?: string;
                /** @description Page size, 1–1000, default 100 (fact sheet §3.3, §6). */
                "max-keys"?: number;
            };
            header?: {
                /** @description Resource group, sent by the SDKs; not in the API pages (fact sheet §3.1, §3.3). */
                "x-oss-resource-group-id"?: components["parameters"]["ResourceGroupId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The listing (PascalCase, single root key `ListAllMyBucketsResult`). */
            200: {
                headers: {
                    "x-oss-request-id": components["headers"]["RequestId"];
                    Date: components["headers"]["Date"];
                    Server: components["headers"]["Server"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListVectorBucketsResult"];
                };
            };
            400: components["responses"]["BadRequestGeneric"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    PutVectorBucket: {
        parameters: {
            query?: never;
            header?: {
                /** @description Resource group, sent by the SDKs; not in the API pages (fact sheet §3.1, §3.3). */
                "x-oss-resource-group-id"?: components["parameters"]["ResourceGroupId"];
                /** @description Bucket tags, sent by the SDKs; not in the API page (fact sheet §3.1). */
                "x-oss-bucket-tagging"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["BucketCreated"];
            400: components["responses"]["BadRequestPutBucket"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["ConflictPutBucket"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    DeleteVectorBucket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["NoContent"];
            400: components["responses"]["BadRequestBucket"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundBucket"];
            409: components["responses"]["ConflictDeleteBucket"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    GetVectorBucket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bucket's information. */
            200: {
                headers: {
                    "x-oss-request-id": components["headers"]["RequestId"];
                    Date: components["headers"]["Date"];
                    Server: components["headers"]["Server"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetVectorBucketResult"];
                };
            };
            400: components["responses"]["BadRequestBucket"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundBucket"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    PutVectorIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutVectorIndexRequest"];
            };
        };
        responses: {
            200: components["responses"]["EmptyOk"];
            400: components["responses"]["BadRequestPutIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundBucket"];
            409: components["responses"]["ConflictPutIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    GetVectorIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetVectorIndexRequest"];
            };
        };
        responses: {
            /** @description The index. */
            200: {
                headers: {
                    "x-oss-request-id": components["headers"]["RequestId"];
                    Date: components["headers"]["Date"];
                    Server: components["headers"]["Server"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetVectorIndexResult"];
                };
            };
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ListVectorIndexes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ListVectorIndexesRequest"];
            };
        };
        responses: {
            /** @description One page of indexes. */
            200: {
                headers: {
                    "x-oss-request-id": components["headers"]["RequestId"];
                    Date: components["headers"]["Date"];
                    Server: components["headers"]["Server"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListVectorIndexesResult"];
                };
            };
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundBucket"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    DeleteVectorIndex: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteVectorIndexRequest"];
            };
        };
        responses: {
            204: components["responses"]["NoContent"];
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundIndex"];
            409: components["responses"]["ConflictDeleteIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    PutVectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutVectorsRequest"];
            };
        };
        responses: {
            200: components["responses"]["EmptyOk"];
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    GetVectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GetVectorsRequest"];
            };
        };
        responses: {
            /** @description The vectors found. */
            200: {
                headers: {
                    "x-oss-request-id": components["headers"]["RequestId"];
                    Date: components["headers"]["Date"];
                    Server: components["headers"]["Server"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetVectorsResult"];
                };
            };
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ListVectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ListVectorsRequest"];
            };
        };
        responses: {
            /** @description One page of vectors. */
            200: {
                headers: {
                    "x-oss-request-id": components["headers"]["RequestId"];
                    Date: components["headers"]["Date"];
                    Server: components["headers"]["Server"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListVectorsResult"];
                };
            };
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    DeleteVectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteVectorsRequest"];
            };
        };
        responses: {
            204: components["responses"]["NoContent"];
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    QueryVectors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QueryVectorsRequest"];
            };
        };
        responses: {
            /** @description The hits, nearest first. */
            200: {
                headers: {
                    "x-oss-request-id": components["headers"]["RequestId"];
                    Date: components["headers"]["Date"];
                    Server: components["headers"]["Server"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueryVectorsResult"];
                };
            };
            400: components["responses"]["BadRequestIndex"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFoundIndex"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
