// generated from specs/bailian.yaml by scripts/gen-types.mjs; do not edit

export interface paths {
    "/{WorkspaceId}/datacenter/category/{CategoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lease an upload URL for a file
         * @description Returns a pre-signed URL valid for minutes; the client then sends the bytes there with `Param.Method` and every header of `Param.Headers`. `FileName` is 4–128 characters with its extension, `SizeInBytes` 1–100,000,000 (`DataCenter.FileTooLarge` above), `Md5` is required but not verified. Not idempotent (fact sheet §2, §2.2).
         */
        post: operations["ApplyFileUploadLease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/vconf-upload/{LeaseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Upload the file bytes to a leased URL
         * @description Not a Bailian API: the pre-signed URL ApplyFileUploadLease returns (on the real service an OSS URL, fact sheet §2). In the simulator it points back at the simulator itself. The URL carries `Expires` and `Signature`; the request must carry every header of the lease's `Param.Headers` with the same values. Errors are OSS XML.
         */
        put: operations["UploadFile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add an uploaded file to application data
         * @description Consumes the lease (once; within 12 h of it) and starts asynchronous parsing: the file starts in `INIT`. `Tags` holds at most 10 tags. Not idempotent; at most 5 calls per second (fact sheet §2.2, §3).
         */
        put: operations["AddFile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/file/{FileId}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe one file
         * @description Idempotent; at most 10 calls per second (fact sheet §2.2). A deleted file is not found.
         */
        get: operations["DescribeFile"];
        put?: never;
        post?: never;
        /**
         * Delete one file
         * @description Deletes a file of application data permanently; knowledge bases already built from it are unaffected. Only `PARSE_SUCCESS` and `PARSE_FAILED` files can be deleted: any other status answers `InvalidParameter` "Current file status does not support delete.". Idempotent; at most 10 calls per second (fact sheet §2.2).
         */
        delete: operations["DeleteFile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/file/{FileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the tags of a file
         * @description Replaces the file's tags with `Tags` (at most 10); at most 10 calls per second (fact sheet §2, §5.1).
         */
        put: operations["UpdateFileTag"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the files of a category
         * @description Newest first. `MaxResults` defaults to 20; its upper bound is undocumented (fact sheet §8 q5; simulator option `listMaxResults`, default 200). Pass `NextToken` back for the next page; an absent `NextToken` means the end. `FileIds` (a JSON array string) restricts the listing to those ids. Deleted files are never listed. At most 5 calls per second (fact sheet §2.2).
         */
        get: operations["ListFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/file/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete files in batch
         * @description Deletes up to 20 files of application data (seed 004). `FileIds` is a JSON array string in the form body. Each id gets its own result: `DELETED`, `FAILED` (e.g. the file is still `INIT` or `PARSING`: only `PARSE_FAILED` and `PARSE_SUCCESS` files can be deleted) or `NOT_FOUND`; the call itself succeeds. Idempotent; an id deleted earlier answers `NOT_FOUND` (fact sheet §4, §8 q3; option `deleteFilesAlreadyDeleted`). Zero ids or more than 20 answer `InvalidParameter`. Does not touch knowledge bases already built. At most 10 calls per second.
         */
        post: operations["DeleteFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/category/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a category
         * @description Creates a category, optionally under a parent of the same type; at most 5 calls per second (fact sheet §2).
         */
        post: operations["AddCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List categories
         * @description Categories of one `CategoryType`, the top level or the children of `ParentCategoryId`, oldest first, paged like ListFile; at most 5 calls per second (fact sheet §2).
         */
        post: operations["ListCategory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{WorkspaceId}/datacenter/category/{CategoryId}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a category
         * @description Deletes a category. The default category cannot be deleted; a category that still holds files or sub-categories is refused (simulator option `deleteNonEmptyCategory`: undocumented).
         */
        delete: operations["DeleteCategory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The common response body (fact sheet §1.1); `Data` is added per operation. */
        Envelope: {
            /** @description `Success`, or the error code. */
            Code: string;
            /** @description Error text; empty on success. */
            Message: string;
            RequestId: string;
            /** @description HTTP status of the outcome, as a string. */
            Status: string;
            Success: boolean;
        };
        /** @description A business error (the common body with `Success: false`) or a gateway error (`HostId`, `Recommend`). */
        ErrorBody: {
            Code: string;
            Message: string;
            RequestId: string;
            Status?: string;
            /** @constant */
            Success?: false;
            HostId?: string;
            Recommend?: string;
        };
        /** @description File ids. */
        FileIdList: string[];
        /** @description Tags of a file; at most 10 (fact sheet §2). */
        TagList: string[];
        /**
         * @description File lifecycle status (fact sheet §3).
         * @enum {string}
         */
        FileStatus: "INIT" | "PARSING" | "PARSE_SUCCESS" | "PARSE_FAILED";
        /** @enum {string} */
        CategoryType: "UNSTRUCTURED" | "SESSION_FILE";
        ApplyFileUploadLeaseRequest: {
            FileName: string;
            Md5: string;
            /** @description Sent as a decimal string; above 100,000,000 answers DataCenter.FileTooLarge. */
            SizeInBytes: number;
            CategoryType?: components["schemas"]["CategoryType"];
            UseInternalEndpoint?: boolean;
        };
        ApplyFileUploadLeaseData: {
            /** @example 1e6a159107384782be5e45ac4759b247.1719325231035 */
            FileUploadLeaseId: string;
            /** @description Upload method, `HTTP`. */
            Type: string;
            Param: {
                /** @enum {string} */
                Method: "PUT";
                Url: string;
                Headers: {
                    [key: string]: string;
                };
            };
        };
        AddFileRequest: {
            LeaseId: string;
            /** @enum {string} */
            Parser: "DASHSCOPE_DOCMIND";
            CategoryId: string;
            CategoryType?: components["schemas"]["CategoryType"];
            OriginalFileUrl?: string;
            Tags?: components["schemas"]["TagList"];
            ParserConfig?: {
                ModelName?: string;
                ModelPrompt?: string;
            };
        };
        AddFileData: {
            FileId: string;
            Parser: string;
        };
        /** @description A file of application data (fact sheet §2.1). */
        File: {
            FileId: string;
            CategoryId: string;
            FileName: string;
            FileType: string;
            SizeInBytes: number;
            Parser: string;
            Status: components["schemas"]["FileStatus"];
            /** @description `yyyy-MM-dd HH:mm:ss`, UTC+8. */
            CreateTime: string;
            Tags: string[];
            ParseResultDownloadUrl?: string;
        };
        ListFileData: {
            FileList: components["schemas"]["File"][];
            HasNext: boolean;
            MaxResults: number;
            NextToken?: string;
            TotalCount: number;
        };
        FileIdData: {
            FileId: string;
        };
        DeleteFilesRequest: {
            /** @description 1–20 file ids (seed 004). */
            FileIds: string[];
        };
        DeleteFileResult: {
            FileId: string;
            /** @enum {string} */
            Status: "DELETED" | "FAILED" | "NOT_FOUND";
        };
        DeleteFilesData: {
            DeleteFileResultList: components["schemas"]["DeleteFileResult"][];
        };
        UpdateFileTagRequest: {
            Tags: components["schemas"]["TagList"];
        };
        AddCategoryRequest: {
            CategoryName: string;
            CategoryType: components["schemas"]["CategoryType"];
            ParentCategoryId?: string;
            ConnectorId?: string;
        };
        AddCategoryData: {
            CategoryId: string;
            CategoryName: string;
        };
        ListCategoryRequest: {
            CategoryType: components["schemas"]["CategoryType"];
            CategoryName?: string;
            ParentCategoryId?: string;
            ConnectorId?: string;
            MaxResults?: number;
            NextToken?: string;
        };
        Category: {
            CategoryId: string;
            CategoryName: string;
            CategoryType: components["schemas"]["CategoryType"];
            IsDefault: boolean;
            ParentCategoryId?: string;
        };
        ListCategoryData: {
            CategoryList: components["schemas"]["Category"][];
            HasNext: boolean;
            MaxResults: number;
            NextToken?: string;
            TotalCount: number;
        };
        CategoryIdData: {
            CategoryId: string;
        };
    };
    responses: {
        /** @description The lease; a 200 with `Success:false` is a business error (option businessErrorStatus). */
        ApplyFileUploadLeaseOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["ApplyFileUploadLeaseData"];
                };
            };
        };
        /** @description The new file's id; parsing starts. */
        AddFileOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["AddFileData"];
                };
            };
        };
        /** @description The file. */
        DescribeFileOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["File"];
                };
            };
        };
        /** @description One page of files. */
        ListFileOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["ListFileData"];
                };
            };
        };
        /** @description The deleted file's id. */
        DeleteFileOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["FileIdData"];
                };
            };
        };
        /** @description One result per distinct file id, in request order (seed 004). */
        DeleteFilesOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["DeleteFilesData"];
                };
            };
        };
        /** @description The file's id. */
        UpdateFileTagOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["FileIdData"];
                };
            };
        };
        /** @description The new category. */
        AddCategoryOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["AddCategoryData"];
                };
            };
        };
        /** @description One page of categories. */
        ListCategoryOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["ListCategoryData"];
                };
            };
        };
        /** @description The deleted category's id. */
        DeleteCategoryOk: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Envelope"] & {
                    Data?: components["schemas"]["CategoryIdData"];
                };
            };
        };
        /** @description `InvalidParameter` (bad or missing parameter, file not found "FileId not exists.", wrong file status "Current file status does not support delete."), `DataCenter.FileTooLarge`, or a gateway error (`IncompleteSignature`, `SignatureDoesNotMatch`, `InvalidTimeStamp.Expired`, `SignatureNonceUsed`, `MissingParameter`; throttling when option throttleStatus is 400). */
        BadRequest: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description `Forbidden`: the key may not use this workspace (another account's, or not joined). */
        Forbidden: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description `InvalidAccessKeyId.NotFound` or `InvalidApi.NotFound` (gateway). */
        NotFound: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description `Throttling.User` (default) or the configured throttle code, with `x-acs-retry-after` (fact sheet §5.2). */
        Throttled: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                "x-acs-retry-after": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description `InternalError` (injected, or a simulator bug caught at its one catch point). */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/xml": string;
            };
        };
        /** @description `NotImplemented`: an operation the simulator does not model, named in the message. */
        NotImplemented: {
            headers: {
                "x-acs-request-id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description `ServiceUnavailable` (injected). */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/xml": string;
            };
        };
        /** @description OSS-style XML error of the leased URL: 403 `AccessDenied` (expired, already used, `X-bailian-extra` missing), 403 `SignatureDoesNotMatch` (forged URL or another Content-Type), 400 `EntityTooLarge`. */
        UploadError: {
            headers: {
                /** @description Request id. */
                "x-oss-request-id": string;
                [name: string]: unknown;
            };
            content: {
                "application/xml": string;
            };
        };
    };
    parameters: {
        /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
        WorkspaceId: string;
        /** @description File id, e.g. `file_9a65732555b54d5ea10796ca5742ba22_10024405`. */
        FileId: string;
        /** @description Category id, or `default` for the workspace's default category. */
        CategoryIdPath: string;
    };
    requestBodies: never;
    headers: {
        /** @description Request id, the same as the body's `RequestId`. */
        RequestId: string;
        /** @description Milliseconds until the call may succeed (openapi-core reads it as `retryAfter`, fact sheet §5.2). */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ApplyFileUploadLease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
                /** @description Category id, or `default` for the workspace's default category. */
                CategoryId: components["parameters"]["CategoryIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["ApplyFileUploadLeaseRequest"];
            };
        };
        responses: {
            200: components["responses"]["ApplyFileUploadLeaseOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    UploadFile: {
        parameters: {
            query: {
                /** @description Expiry of the URL, Unix seconds. */
                Expires: number;
                /** @description Key id of the pre-signed URL. */
                OSSAccessKeyId: string;
                /** @description Base64 HMAC-SHA1 of the URL's method, content type, expiry and lease id. */
                Signature: string;
            };
            header: {
                /** @description Echo of the lease's header. */
                "X-bailian-extra": string;
            };
            path: {
                /** @description The lease id (`FileUploadLeaseId`). */
                LeaseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            /** @description Stored; the body is empty. */
            200: {
                headers: {
                    /** @description Quoted upper-case hex MD5 of the bytes. */
                    ETag: string;
                    /** @description Request id. */
                    "x-oss-request-id": string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["UploadError"];
            403: components["responses"]["UploadError"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AddFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["AddFileRequest"];
            };
        };
        responses: {
            200: components["responses"]["AddFileOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    DescribeFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
                /** @description File id, e.g. `file_9a65732555b54d5ea10796ca5742ba22_10024405`. */
                FileId: components["parameters"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["DescribeFileOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    DeleteFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
                /** @description File id, e.g. `file_9a65732555b54d5ea10796ca5742ba22_10024405`. */
                FileId: components["parameters"]["FileId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["DeleteFileOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    UpdateFileTag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
                /** @description File id, e.g. `file_9a65732555b54d5ea10796ca5742ba22_10024405`. */
                FileId: components["parameters"]["FileId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["UpdateFileTagRequest"];
            };
        };
        responses: {
            200: components["responses"]["UpdateFileTagOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ListFile: {
        parameters: {
            query: {
                /** @description Category to list (`default` for the default category). */
                CategoryId: string;
                /** @description Page size. */
                MaxResults?: number;
                /** @description Token from the previous page. */
                NextToken?: string;
                /** @description Only files whose name contains this text. */
                FileName?: string;
                /** @description JSON array string of file ids (SDK 2.11.0 and later). */
                FileIds?: string;
            };
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ListFileOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    DeleteFiles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["DeleteFilesRequest"];
            };
        };
        responses: {
            200: components["responses"]["DeleteFilesOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AddCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["AddCategoryRequest"];
            };
        };
        responses: {
            200: components["responses"]["AddCategoryOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ListCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["ListCategoryRequest"];
            };
        };
        responses: {
            200: components["responses"]["ListCategoryOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    DeleteCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Workspace id, e.g. `llm-3shx2gu255oqxxxx`; the caller's key must be allowed in it. */
                WorkspaceId: components["parameters"]["WorkspaceId"];
                /** @description Category id, or `default` for the workspace's default category. */
                CategoryId: components["parameters"]["CategoryIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["DeleteCategoryOk"];
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["Throttled"];
            500: components["responses"]["InternalError"];
            501: components["responses"]["NotImplemented"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
