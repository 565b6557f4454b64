// Generated from the chat process's /v1/openapi.json by openapi-typescript: do not edit. Regenerate
// with `scripts/api-check.sh --write-types` (make test fails while this file differs from what the
// document generates). The kit's REST client (../api.ts) is typed by it.
export interface paths {
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The desk: every agent (for mentions and assignment) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: {
                                assignmentPaused: boolean;
                                capacity: number;
                                disabled: boolean;
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                role: string;
                                /** @enum {string} */
                                status: "online" | "away" | "offline";
                                teamIds: string[];
                                timeZone: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Create an agent (agents.manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 5 */
                        capacity?: number;
                        email: string;
                        name: string;
                        /** @description The password policy (GET /v1/auth/password-policy): 12 to 256 characters, not the e-mail's name, not a well-known password, not one character repeated, not the current password */
                        password: string;
                        /** @default agent */
                        role?: string;
                        teamIds?: string[];
                        timeZone?: components["schemas"]["TimeZoneInput"];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignmentPaused: boolean;
                            capacity: number;
                            disabled: boolean;
                            email: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            role: string;
                            /** @enum {string} */
                            status: "online" | "away" | "offline";
                            teamIds: string[];
                            timeZone: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change an agent: name, role, capacity, teams, disabled (agents.manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignmentPaused?: boolean;
                        capacity?: number;
                        disabled?: boolean;
                        name?: string;
                        role?: string;
                        teamIds?: string[];
                        timeZone?: components["schemas"]["TimeZoneInput"];
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignmentPaused: boolean;
                            capacity: number;
                            disabled: boolean;
                            email: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            role: string;
                            /** @enum {string} */
                            status: "online" | "away" | "offline";
                            teamIds: string[];
                            timeZone: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/agents/{id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time password reset link for an agent, valid 24 h, replacing earlier ones (agents.manage, for agents whose role you could grant) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            resetUrl: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set online / away / offline (oneself, or agents.manage) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "online" | "away" | "offline";
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attachment (only where its message may be seen) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    attachmentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/msword": Blob;
                        "application/pdf": Blob;
                        "application/vnd.ms-excel": Blob;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Blob;
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": Blob;
                        "image/gif": Blob;
                        "image/jpeg": Blob;
                        "image/png": Blob;
                        "image/webp": Blob;
                        "text/csv": Blob;
                        "text/plain": Blob;
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first, filterable (audit.view) */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    actor?: string;
                    before?: number;
                    from?: string & (unknown & unknown);
                    limit?: number;
                    outcome?: "ok" | "denied" | "failed";
                    target?: string;
                    to?: string & (unknown & unknown);
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                action: string;
                                actor: string;
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                ip: string | null;
                                /** @enum {string} */
                                outcome: "ok" | "denied" | "failed";
                                target: string | null;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/desk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the sign-in page shows: the product's name and the company whose desk this is (null when not configured) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            company: string | null;
                            product: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Agent login with e-mail and password; failed attempts are throttled per account and address (429 with Retry-After) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                role: string;
                            };
                            expiresAt: string;
                            mustChangePassword: boolean;
                            token: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the current session; its sockets are disconnected */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the caller's account, this one included; every socket is disconnected */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password: every session of the account ends (sockets too), and the answer carries a new token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        /** @description The password policy (GET /v1/auth/password-policy): 12 to 256 characters, not the e-mail's name, not a well-known password, not one character repeated, not the current password */
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            expiresAt: string;
                            token: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The password policy: lengths (other rules: not the e-mail name, not a common password, not the current one) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            maxLength: number;
                            minLength: number;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with an admin's one-time reset link (valid 24 h); every session of the account ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The password policy (GET /v1/auth/password-policy): 12 to 256 characters, not the e-mail's name, not a well-known password, not one character repeated, not the current password */
                        newPassword: string;
                        token: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backoffice/conversations/internal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The back-office opens an internal conversation about a customer (never visible to the customer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customerExternalId: string;
                        /** Format: uuid */
                        teamId?: string;
                        topic: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignedAt: string | null;
                            assigneeId: string | null;
                            /** @enum {string} */
                            channel: "widget" | "email" | "api" | "internal";
                            closedAt: string | null;
                            createdAt: string;
                            customerId: string | null;
                            firstReplyAt: string | null;
                            /** Format: uuid */
                            id: string;
                            internal: boolean;
                            lastCustomerMessageAt: string | null;
                            lastMessageAt: string | null;
                            lastReplyAt: string | null;
                            participants: string[];
                            priority: number;
                            queuedAt: string | null;
                            reopenedAt: string | null;
                            slaBreach: {
                                at: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            teamId: string | null;
                            topic: string | null;
                            tripDepartsAt: string | null;
                            updatedAt: string;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backoffice/signals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signals about a customer: when their trip departs (within 24 hours raises the priority of the customer's conversations) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customerExternalId: string;
                        tripDepartsAt: (string & (unknown & unknown)) | null;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: number;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's conversations: a customer's own (newest first; the inbox parameters are ignored), or an agent's inbox view (view, filters, sort, keyset pages with cursor → nextCursor; a cursor continues its own sort) */
        get: {
            parameters: {
                query?: {
                    channel?: "widget" | "email" | "api" | "internal";
                    cursor?: string;
                    limit?: number;
                    q?: string;
                    sla?: "breached" | "ok";
                    sort?: "priority" | "waiting" | "recent";
                    status?: "open" | "snoozed" | "closed";
                    teamId?: string;
                    view?: "mine" | "unassigned" | "teams" | "mentions" | "snoozed" | "all" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: ({
                                assignedAt: string | null;
                                assigneeId: string | null;
                                /** @enum {string} */
                                channel: "widget" | "email" | "api" | "internal";
                                closedAt: string | null;
                                createdAt: string;
                                customer: {
                                    email: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    name: string | null;
                                } | null;
                                customerId: string | null;
                                firstReplyAt: string | null;
                                /** Format: uuid */
                                id: string;
                                internal: boolean;
                                lastCustomerMessageAt: string | null;
                                lastMessageAt: string | null;
                                lastReplyAt: string | null;
                                participants: string[];
                                preview: {
                                    at: string;
                                    body: string;
                                    /** @enum {string} */
                                    kind: "customer" | "reply" | "notice";
                                } | null;
                                priority: number;
                                queuedAt: string | null;
                                reopenedAt: string | null;
                                slaBreach: {
                                    at: string;
                                    /** @enum {string} */
                                    kind: "first_response" | "next_response";
                                } | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "snoozed" | "closed";
                                subject: string | null;
                                teamId: string | null;
                                topic: string | null;
                                tripDepartsAt: string | null;
                                updatedAt: string;
                                waitingSince: string | null;
                            } | {
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastMessageAt: string | null;
                                /** @enum {string} */
                                status: "open" | "snoozed" | "closed";
                                subject: string | null;
                                topic: string | null;
                            })[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * A customer opens a conversation, optionally with its first message
         * @description `expectation` says what the customer may expect from the team the conversation went to (its opening hours and first-response target), so that the widget can say the message was received and when a reply is due; null when no team took it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body?: string;
                        clientMessageId?: string;
                        topic: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversation: {
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                lastMessageAt: string | null;
                                /** @enum {string} */
                                status: "open" | "snoozed" | "closed";
                                subject: string | null;
                                topic: string | null;
                            };
                            expectation: {
                                open: boolean;
                                opensAt: string | null;
                                replyBy: string | null;
                            } | null;
                            message: {
                                id: string;
                                /** @enum {string} */
                                status: "accepted";
                            } | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignedAt: string | null;
                            assigneeId: string | null;
                            /** @enum {string} */
                            channel: "widget" | "email" | "api" | "internal";
                            closedAt: string | null;
                            createdAt: string;
                            customerId: string | null;
                            firstReplyAt: string | null;
                            /** Format: uuid */
                            id: string;
                            internal: boolean;
                            lastCustomerMessageAt: string | null;
                            lastMessageAt: string | null;
                            lastReplyAt: string | null;
                            participants: string[];
                            priority: number;
                            queuedAt: string | null;
                            reopenedAt: string | null;
                            slaBreach: {
                                at: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            teamId: string | null;
                            topic: string | null;
                            tripDepartsAt: string | null;
                            updatedAt: string;
                            waitingSince: string | null;
                        } | {
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            lastMessageAt: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            topic: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Assign, unassign or prioritise (conversations.assign), transfer to a team and its queue (conversations.transfer); override team or capacity (assignment.override); audited, applied to open sockets at once */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assigneeId?: string | null;
                        override?: boolean;
                        priority?: number;
                        teamId?: string | null;
                    } & (unknown | unknown | unknown);
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignedAt: string | null;
                            assigneeId: string | null;
                            /** @enum {string} */
                            channel: "widget" | "email" | "api" | "internal";
                            closedAt: string | null;
                            createdAt: string;
                            customerId: string | null;
                            firstReplyAt: string | null;
                            /** Format: uuid */
                            id: string;
                            internal: boolean;
                            lastCustomerMessageAt: string | null;
                            lastMessageAt: string | null;
                            lastReplyAt: string | null;
                            participants: string[];
                            priority: number;
                            queuedAt: string | null;
                            reopenedAt: string | null;
                            slaBreach: {
                                at: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            teamId: string | null;
                            topic: string | null;
                            tripDepartsAt: string | null;
                            updatedAt: string;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/conversations/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The back-office actions this agent may run on the conversation, links and fields filled in from it (agents who see it; customers get 404) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                fields: {
                                    label: string;
                                    name: string;
                                    required: boolean;
                                    /** @enum {string} */
                                    type: "text" | "textarea" | "date";
                                    value: string;
                                }[];
                                /** Format: uuid */
                                integrationId: string;
                                key: string;
                                /** @enum {string} */
                                kind: "link" | "request";
                                label: string;
                                url: string | null;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/actions/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a back-office action on the conversation; its answer is posted into it. 502 when the back-office refuses, 504 when it does not answer in the action's time */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        fields?: {
                            [key: string]: string;
                        };
                        /** Format: uuid */
                        integrationId: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string | null;
                            messageId: string | null;
                            url: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Default Response */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Default Response */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload a file (the request body, its type in Content-Type: image/png, image/jpeg, image/gif, image/webp, application/pdf, text/plain, text/csv, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/msword, application/vnd.ms-excel; an image's bytes must be of that type); send its id with a message */
        post: {
            parameters: {
                query: {
                    name: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/msword": Blob;
                    "application/pdf": Blob;
                    "application/vnd.ms-excel": Blob;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Blob;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": Blob;
                    "image/gif": Blob;
                    "image/jpeg": Blob;
                    "image/png": Blob;
                    "image/webp": Blob;
                    "text/csv": Blob;
                    "text/plain": Blob;
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contentType: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            size: number;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description A file type that is not allowed, or bytes that are not of the declared type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close (conversations.close) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignedAt: string | null;
                            assigneeId: string | null;
                            /** @enum {string} */
                            channel: "widget" | "email" | "api" | "internal";
                            closedAt: string | null;
                            createdAt: string;
                            customerId: string | null;
                            firstReplyAt: string | null;
                            /** Format: uuid */
                            id: string;
                            internal: boolean;
                            lastCustomerMessageAt: string | null;
                            lastMessageAt: string | null;
                            lastReplyAt: string | null;
                            participants: string[];
                            priority: number;
                            queuedAt: string | null;
                            reopenedAt: string | null;
                            slaBreach: {
                                at: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            teamId: string | null;
                            topic: string | null;
                            tripDepartsAt: string | null;
                            updatedAt: string;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation's satisfaction surveys, one per close, oldest first (agents who may see it: every field; its customer: their answers only) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            surveys: {
                                answeredAt: string | null;
                                closedBy: string | null;
                                /** @enum {string} */
                                closedHow: "agent" | "auto_close";
                                comment: string | null;
                                /** Format: uuid */
                                conversationId: string;
                                cycle: number;
                                editableUntil: string;
                                /** Format: uuid */
                                id: string;
                                lastResponderId: string | null;
                                rating: number | null;
                                requestedAt: string;
                                teamId: string | null;
                            }[];
                        } | {
                            surveys: {
                                answeredAt: string | null;
                                comment: string | null;
                                /** Format: uuid */
                                conversationId: string;
                                cycle: number;
                                editableUntil: string;
                                /** Format: uuid */
                                id: string;
                                rating: number | null;
                                requestedAt: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/csat/{surveyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** The customer rates the conversation (1-5, optional comment) after a close, or changes the rating within 24 hours of the first answer; 409 SC_ERR_CSAT_CLOSED after that (customers only) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    surveyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string | null;
                        rating: number;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            answeredAt: string | null;
                            comment: string | null;
                            /** Format: uuid */
                            conversationId: string;
                            cycle: number;
                            editableUntil: string;
                            /** Format: uuid */
                            id: string;
                            rating: number | null;
                            requestedAt: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/mail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The e-mail side of a conversation: its mailbox, received messages and the delivery state of each answer (agents who may see it)
         * @description A conversation that is not an e-mail conversation, or that the caller may not see, answers 404 SC_ERR_CONVERSATION_NOT_FOUND.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerAddress: string;
                            deliveries: {
                                attempts: number;
                                createdAt: string;
                                failedAt: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                kind: "reply" | "acknowledgement" | "csat" | "notice";
                                lastError: string | null;
                                messageId: string | null;
                                nextAttemptAt: string | null;
                                recipient: string;
                                sentAt: string | null;
                                /** @enum {string} */
                                state: "queued" | "sending" | "sent" | "failed";
                            }[];
                            mailboxAddress: string;
                            /** Format: uuid */
                            mailboxId: string;
                            received: {
                                conversationId: string | null;
                                detail: {
                                    [key: string]: unknown;
                                } | null;
                                hasOriginal: boolean;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                mailboxId: string;
                                mailMessageId: string;
                                messageId: string | null;
                                outcome: ("new_conversation" | "joined" | "automatic_attached" | "bounce" | "automatic_unthreaded" | "blocked" | "own_address" | "no_sender" | "malformed" | "too_large") | null;
                                receivedAt: string;
                                sender: string | null;
                                size: number;
                                /** @enum {string} */
                                state: "stored" | "processed" | "rejected";
                                subject: string | null;
                                /** @enum {string} */
                                via: "imap" | "smtp";
                            }[];
                            subject: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/mail/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a failed answer again (agents who may see the conversation)
         * @description Only a failed delivery can be retried: another state answers 409 SC_ERR_CONFLICT. It is sent with the same Message-ID.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            createdAt: string;
                            failedAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** @enum {string} */
                            kind: "reply" | "acknowledgement" | "csat" | "notice";
                            lastError: string | null;
                            messageId: string | null;
                            nextAttemptAt: string | null;
                            recipient: string;
                            sentAt: string | null;
                            /** @enum {string} */
                            state: "queued" | "sending" | "sent" | "failed";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/mail/received/{receivedId}/html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A received message laid out as it was sent, sanitised (agents who may see the conversation)
         * @description The HTML part with only layout, text and https/http/mailto links left: no script, style, form, frame, event attribute, inline style or image. null when the message has no HTML part. Show it in a sandboxed frame.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    receivedId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            html: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/mail/received/{receivedId}/original": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A received message as it arrived (message/rfc822), quoted history and all (agents who may see the conversation) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    receivedId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The raw message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** History, newest first; page backwards with ?before=<message id> */
        get: {
            parameters: {
                query?: {
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            messages: {
                                attachments: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    size: number;
                                }[];
                                author: {
                                    id: string | null;
                                    name: string | null;
                                    /** @enum {string} */
                                    type: "customer" | "agent" | "system";
                                };
                                body: string;
                                clientMessageId: string | null;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                deleted: boolean;
                                editedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "customer" | "reply" | "note" | "system" | "notice";
                            }[];
                            nextBefore: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Send a message (same path as the socket event message:send); retry with the same clientMessageId */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attachments?: string[];
                        /** @default  */
                        body?: string;
                        clientMessageId: string;
                        /** @enum {string} */
                        kind?: "reply" | "note";
                    } & ({
                        body: unknown;
                    } | {
                        attachments: unknown;
                    });
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete your own message; others see "message deleted", history keeps the text */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachments: {
                                contentType: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                size: number;
                            }[];
                            author: {
                                id: string | null;
                                name: string | null;
                                /** @enum {string} */
                                type: "customer" | "agent" | "system";
                            };
                            body: string;
                            clientMessageId: string | null;
                            /** Format: uuid */
                            conversationId: string;
                            createdAt: string;
                            deleted: boolean;
                            editedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "customer" | "reply" | "note" | "system" | "notice";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit your own message; the previous text is kept in its history */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachments: {
                                contentType: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                size: number;
                            }[];
                            author: {
                                id: string | null;
                                name: string | null;
                                /** @enum {string} */
                                type: "customer" | "agent" | "system";
                            };
                            body: string;
                            clientMessageId: string | null;
                            /** Format: uuid */
                            conversationId: string;
                            createdAt: string;
                            deleted: boolean;
                            editedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "customer" | "reply" | "note" | "system" | "notice";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/conversations/{id}/messages/{messageId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A message with its original text and every change (messages.history permission) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            history: {
                                /** @enum {string} */
                                action: "edit" | "delete" | "restore";
                                actorId: string | null;
                                at: string;
                                body: string;
                            }[];
                            message: {
                                attachments: {
                                    contentType: string;
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                    size: number;
                                }[];
                                author: {
                                    id: string | null;
                                    name: string | null;
                                    /** @enum {string} */
                                    type: "customer" | "agent" | "system";
                                };
                                body: string;
                                clientMessageId: string | null;
                                /** Format: uuid */
                                conversationId: string;
                                createdAt: string;
                                deleted: boolean;
                                editedAt: string | null;
                                id: string;
                                /** @enum {string} */
                                kind: "customer" | "reply" | "note" | "system" | "notice";
                            };
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/messages/{messageId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a deleted message (messages.restore permission) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    messageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attachments: {
                                contentType: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                size: number;
                            }[];
                            author: {
                                id: string | null;
                                name: string | null;
                                /** @enum {string} */
                                type: "customer" | "agent" | "system";
                            };
                            body: string;
                            clientMessageId: string | null;
                            /** Format: uuid */
                            conversationId: string;
                            createdAt: string;
                            deleted: boolean;
                            editedAt: string | null;
                            id: string;
                            /** @enum {string} */
                            kind: "customer" | "reply" | "note" | "system" | "notice";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/reads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read positions, as the `read` socket event gives them (so receipts survive a reload)
         * @description An agent gets every participant's position (the customer's and each agent's). A customer gets their own and the agents' latest position on a message they may see, with the agent's id empty, as in the `read` event; an internal conversation answers 404 to a customer, as everywhere.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            reads: {
                                /** Format: uuid */
                                conversationId: string;
                                messageId: string;
                                readAt: string;
                                who: {
                                    id: string;
                                    /** @enum {string} */
                                    type: "agent" | "customer";
                                };
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen (conversations.close): back to its assignee if they have room, else to the queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignedAt: string | null;
                            assigneeId: string | null;
                            /** @enum {string} */
                            channel: "widget" | "email" | "api" | "internal";
                            closedAt: string | null;
                            createdAt: string;
                            customerId: string | null;
                            firstReplyAt: string | null;
                            /** Format: uuid */
                            id: string;
                            internal: boolean;
                            lastCustomerMessageAt: string | null;
                            lastMessageAt: string | null;
                            lastReplyAt: string | null;
                            participants: string[];
                            priority: number;
                            queuedAt: string | null;
                            reopenedAt: string | null;
                            slaBreach: {
                                at: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            teamId: string | null;
                            topic: string | null;
                            tripDepartsAt: string | null;
                            updatedAt: string;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Snooze until a time or a preset in the agent's time zone (conversations.snooze); wakes on time or at a customer message, note or mention */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        until: string & (unknown & unknown);
                    } | {
                        /** @enum {string} */
                        preset: "in_1_hour" | "tomorrow_9" | "next_week";
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignedAt: string | null;
                            assigneeId: string | null;
                            /** @enum {string} */
                            channel: "widget" | "email" | "api" | "internal";
                            closedAt: string | null;
                            createdAt: string;
                            customerId: string | null;
                            firstReplyAt: string | null;
                            /** Format: uuid */
                            id: string;
                            internal: boolean;
                            lastCustomerMessageAt: string | null;
                            lastMessageAt: string | null;
                            lastReplyAt: string | null;
                            participants: string[];
                            priority: number;
                            queuedAt: string | null;
                            reopenedAt: string | null;
                            slaBreach: {
                                at: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            teamId: string | null;
                            topic: string | null;
                            tripDepartsAt: string | null;
                            updatedAt: string;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many conversations each inbox view holds for the caller (agents; closed counted up to 10,000) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                all: number;
                                closed: number;
                                mentions: number;
                                mine: number;
                                snoozed: number;
                                teams: number;
                                unassigned: number;
                            };
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/conversations/internal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** An agent opens an internal conversation (never visible to the customer; conversations.internal), optionally about a customer they may already see */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        customerId?: string;
                        topic: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignedAt: string | null;
                            assigneeId: string | null;
                            /** @enum {string} */
                            channel: "widget" | "email" | "api" | "internal";
                            closedAt: string | null;
                            createdAt: string;
                            customerId: string | null;
                            firstReplyAt: string | null;
                            /** Format: uuid */
                            id: string;
                            internal: boolean;
                            lastCustomerMessageAt: string | null;
                            lastMessageAt: string | null;
                            lastReplyAt: string | null;
                            participants: string[];
                            priority: number;
                            queuedAt: string | null;
                            reopenedAt: string | null;
                            slaBreach: {
                                at: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            status: "open" | "snoozed" | "closed";
                            subject: string | null;
                            teamId: string | null;
                            topic: string | null;
                            tripDepartsAt: string | null;
                            updatedAt: string;
                            waitingSince: string | null;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer with their 20 latest conversations you may see and the back-office's data (agents who may see one of their conversations) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backoffice: {
                                fields: {
                                    label: string;
                                    value: string;
                                }[];
                                links?: {
                                    label: string;
                                    /** Format: uri */
                                    url: string;
                                }[];
                            } | null;
                            backofficeError: string | null;
                            conversations: {
                                assignedAt: string | null;
                                assigneeId: string | null;
                                /** @enum {string} */
                                channel: "widget" | "email" | "api" | "internal";
                                closedAt: string | null;
                                createdAt: string;
                                customer: {
                                    email: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    name: string | null;
                                } | null;
                                customerId: string | null;
                                firstReplyAt: string | null;
                                /** Format: uuid */
                                id: string;
                                internal: boolean;
                                lastCustomerMessageAt: string | null;
                                lastMessageAt: string | null;
                                lastReplyAt: string | null;
                                participants: string[];
                                preview: {
                                    at: string;
                                    body: string;
                                    /** @enum {string} */
                                    kind: "customer" | "reply" | "notice";
                                } | null;
                                priority: number;
                                queuedAt: string | null;
                                reopenedAt: string | null;
                                slaBreach: {
                                    at: string;
                                    /** @enum {string} */
                                    kind: "first_response" | "next_response";
                                } | null;
                                snoozedUntil: string | null;
                                /** @enum {string} */
                                status: "open" | "snoozed" | "closed";
                                subject: string | null;
                                teamId: string | null;
                                topic: string | null;
                                tripDepartsAt: string | null;
                                updatedAt: string;
                                waitingSince: string | null;
                            }[];
                            customer: {
                                createdAt: string;
                                email: string | null;
                                externalId: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Integrations with their keys and signing secrets, never their secrets (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            integrations: {
                                createdAt: string;
                                description: string | null;
                                disabled: boolean;
                                /** Format: uuid */
                                id: string;
                                keys: {
                                    createdAt: string;
                                    expiresAt: string | null;
                                    id: string;
                                    /** Format: uuid */
                                    integrationId: string;
                                    lastUsedAt: string | null;
                                    name: string;
                                    prefix: string;
                                    replacedBy: string | null;
                                    revokedAt: string | null;
                                    scopes: ("events.send" | "conversations.internal" | "customers.signals")[];
                                    /** @enum {string} */
                                    state: "active" | "expired" | "revoked";
                                }[];
                                name: string;
                                signingSecrets: {
                                    createdAt: string;
                                    expiresAt: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    /** @enum {string} */
                                    state: "active" | "expired";
                                }[];
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Add an integration (integrations.manage); the answer carries its first signing secret, shown this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "name": "Back-office",
                     *       "description": "Trips, bookings and documents"
                     *     }
                     */
                    "application/json": {
                        description?: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            integration: {
                                createdAt: string;
                                description: string | null;
                                disabled: boolean;
                                /** Format: uuid */
                                id: string;
                                keys: {
                                    createdAt: string;
                                    expiresAt: string | null;
                                    id: string;
                                    /** Format: uuid */
                                    integrationId: string;
                                    lastUsedAt: string | null;
                                    name: string;
                                    prefix: string;
                                    replacedBy: string | null;
                                    revokedAt: string | null;
                                    scopes: ("events.send" | "conversations.internal" | "customers.signals")[];
                                    /** @enum {string} */
                                    state: "active" | "expired" | "revoked";
                                }[];
                                name: string;
                                signingSecrets: {
                                    createdAt: string;
                                    expiresAt: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    /** @enum {string} */
                                    state: "active" | "expired";
                                }[];
                            };
                            signingSecret: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One integration (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string | null;
                            disabled: boolean;
                            /** Format: uuid */
                            id: string;
                            keys: {
                                createdAt: string;
                                expiresAt: string | null;
                                id: string;
                                /** Format: uuid */
                                integrationId: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                replacedBy: string | null;
                                revokedAt: string | null;
                                scopes: ("events.send" | "conversations.internal" | "customers.signals")[];
                                /** @enum {string} */
                                state: "active" | "expired" | "revoked";
                            }[];
                            name: string;
                            signingSecrets: {
                                createdAt: string;
                                expiresAt: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                state: "active" | "expired";
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, describe, disable or enable an integration (integrations.manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        disabled?: boolean;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string | null;
                            disabled: boolean;
                            /** Format: uuid */
                            id: string;
                            keys: {
                                createdAt: string;
                                expiresAt: string | null;
                                id: string;
                                /** Format: uuid */
                                integrationId: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                replacedBy: string | null;
                                revokedAt: string | null;
                                scopes: ("events.send" | "conversations.internal" | "customers.signals")[];
                                /** @enum {string} */
                                state: "active" | "expired" | "revoked";
                            }[];
                            name: string;
                            signingSecrets: {
                                createdAt: string;
                                expiresAt: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                state: "active" | "expired";
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/integrations/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The integration's agent actions, in order (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                fields: {
                                    default?: string;
                                    label: string;
                                    name: string;
                                    required: boolean;
                                    /** @enum {string} */
                                    type: "text" | "textarea" | "date";
                                }[];
                                key: string;
                                /** @enum {string} */
                                kind: "link" | "request";
                                label: string;
                                /** @enum {string} */
                                method: "POST" | "PUT";
                                /** @enum {string} */
                                permission: "conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.close" | "conversations.internal";
                                /** @enum {string} */
                                result: "system" | "notice";
                                timeoutMs: number;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /** Declare the integration's agent actions, all at once (integrations.manage): links and requests with URL templates, fields, permission, timeout */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "actions": [
                     *         {
                     *           "key": "open-trip",
                     *           "label": "Открыть поездку",
                     *           "kind": "link",
                     *           "url": "https://backoffice.example.com/trips/{trip.id}"
                     *         },
                     *         {
                     *           "key": "request-act",
                     *           "label": "Запросить акт сверки",
                     *           "kind": "request",
                     *           "url": "https://backoffice.example.com/api/reconciliation-acts",
                     *           "fields": [
                     *             {
                     *               "name": "period",
                     *               "label": "Период",
                     *               "type": "text",
                     *               "required": true
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        actions: {
                            /** @default [] */
                            fields?: {
                                default?: string;
                                label: string;
                                name: string;
                                /** @default false */
                                required?: boolean;
                                /** @enum {string} */
                                type: "text" | "textarea" | "date";
                            }[];
                            key: string;
                            /** @enum {string} */
                            kind: "link" | "request";
                            label: string;
                            /**
                             * @default POST
                             * @enum {string}
                             */
                            method?: "POST" | "PUT";
                            /**
                             * @default conversations.note
                             * @enum {string}
                             */
                            permission?: "conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.close" | "conversations.internal";
                            /**
                             * @default system
                             * @enum {string}
                             */
                            result?: "system" | "notice";
                            /** @default 10000 */
                            timeoutMs?: number;
                            url: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            actions: {
                                fields: {
                                    default?: string;
                                    label: string;
                                    name: string;
                                    required: boolean;
                                    /** @enum {string} */
                                    type: "text" | "textarea" | "date";
                                }[];
                                key: string;
                                /** @enum {string} */
                                kind: "link" | "request";
                                label: string;
                                /** @enum {string} */
                                method: "POST" | "PUT";
                                /** @enum {string} */
                                permission: "conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.close" | "conversations.internal";
                                /** @enum {string} */
                                result: "system" | "notice";
                                timeoutMs: number;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An integration's inbound events, newest first, with what each did (integrations.manage) */
        get: {
            parameters: {
                query?: {
                    before?: string;
                    limit?: number;
                    status?: "queued" | "processing" | "done" | "superseded" | "failed";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                attempts: number;
                                businessKey: string | null;
                                conversationId: string | null;
                                error: string | null;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                integrationId: string;
                                messageId: string | null;
                                opened: boolean;
                                processedAt: string | null;
                                receivedAt: string;
                                /** @enum {string} */
                                status: "queued" | "processing" | "done" | "superseded" | "failed";
                                /** @enum {string} */
                                type: "trip.changed" | "trip.cancelled" | "booking.failed" | "document.ready" | "customer.updated";
                                webhookId: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/events/{eventId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a failed or superseded inbound event again (integrations.manage); 409 for one queued or done */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    eventId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            businessKey: string | null;
                            conversationId: string | null;
                            error: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            integrationId: string;
                            messageId: string | null;
                            opened: boolean;
                            processedAt: string | null;
                            receivedAt: string;
                            /** @enum {string} */
                            status: "queued" | "processing" | "done" | "superseded" | "failed";
                            /** @enum {string} */
                            type: "trip.changed" | "trip.cancelled" | "booking.failed" | "document.ready" | "customer.updated";
                            webhookId: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make an API key with the scopes listed (integrations.manage); its secret is in this answer only, kept as a hash */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        expiresAt?: string & (unknown & unknown);
                        name: string;
                        scopes: [
                            "events.send" | "conversations.internal" | "customers.signals",
                            ...("events.send" | "conversations.internal" | "customers.signals")[]
                        ];
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                createdAt: string;
                                expiresAt: string | null;
                                id: string;
                                /** Format: uuid */
                                integrationId: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                replacedBy: string | null;
                                revokedAt: string | null;
                                scopes: ("events.send" | "conversations.internal" | "customers.signals")[];
                                /** @enum {string} */
                                state: "active" | "expired" | "revoked";
                            };
                            secret: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key at once (integrations.manage) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate an API key (integrations.manage): a successor with its name and scopes; the old key keeps working for overlapMinutes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    keyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 1440 */
                        overlapMinutes?: number;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: {
                                createdAt: string;
                                expiresAt: string | null;
                                id: string;
                                /** Format: uuid */
                                integrationId: string;
                                lastUsedAt: string | null;
                                name: string;
                                prefix: string;
                                replacedBy: string | null;
                                revokedAt: string | null;
                                scopes: ("events.send" | "conversations.internal" | "customers.signals")[];
                                /** @enum {string} */
                                state: "active" | "expired" | "revoked";
                            };
                            secret: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/signing-secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret for inbound events (integrations.manage), shown this once; the others stay valid for overlapMinutes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 1440 */
                        overlapMinutes?: number;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            secret: string;
                            signingSecret: {
                                createdAt: string;
                                expiresAt: string | null;
                                /** Format: uuid */
                                id: string;
                                /** @enum {string} */
                                state: "active" | "expired";
                            };
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An integration's webhook endpoints (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endpoints: {
                                createdAt: string;
                                description: string | null;
                                enabled: boolean;
                                eventTypes: ("conversation.created" | "conversation.assigned" | "conversation.closed" | "message.created" | "csat.submitted")[];
                                failed: number;
                                /** Format: uuid */
                                id: string;
                                includeInternal: boolean;
                                /** Format: uuid */
                                integrationId: string;
                                pending: number;
                                updatedAt: string;
                                url: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Add a webhook endpoint subscribed to event types (integrations.manage); its signing secret is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /** @default true */
                        enabled?: boolean;
                        eventTypes: [
                            "conversation.created" | "conversation.assigned" | "conversation.closed" | "message.created" | "csat.submitted",
                            ...("conversation.created" | "conversation.assigned" | "conversation.closed" | "message.created" | "csat.submitted")[]
                        ];
                        /** @default false */
                        includeInternal?: boolean;
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endpoint: {
                                createdAt: string;
                                description: string | null;
                                enabled: boolean;
                                eventTypes: ("conversation.created" | "conversation.assigned" | "conversation.closed" | "message.created" | "csat.submitted")[];
                                failed: number;
                                /** Format: uuid */
                                id: string;
                                includeInternal: boolean;
                                /** Format: uuid */
                                integrationId: string;
                                pending: number;
                                updatedAt: string;
                                url: string;
                            };
                            secret: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/webhooks/{endpointId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a webhook endpoint and its delivery log (integrations.manage) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a webhook endpoint: URL, event types, internal data, enabled (integrations.manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        enabled?: boolean;
                        eventTypes?: [
                            "conversation.created" | "conversation.assigned" | "conversation.closed" | "message.created" | "csat.submitted",
                            ...("conversation.created" | "conversation.assigned" | "conversation.closed" | "message.created" | "csat.submitted")[]
                        ];
                        includeInternal?: boolean;
                        /** Format: uri */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            description: string | null;
                            enabled: boolean;
                            eventTypes: ("conversation.created" | "conversation.assigned" | "conversation.closed" | "message.created" | "csat.submitted")[];
                            failed: number;
                            /** Format: uuid */
                            id: string;
                            includeInternal: boolean;
                            /** Format: uuid */
                            integrationId: string;
                            pending: number;
                            updatedAt: string;
                            url: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/integrations/{id}/webhooks/{endpointId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's deliveries, newest first (integrations.manage) */
        get: {
            parameters: {
                query?: {
                    before?: string;
                    limit?: number;
                    status?: "pending" | "delivered" | "failed";
                };
                header?: never;
                path: {
                    endpointId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deliveries: {
                                attempts: number;
                                conversationId: string | null;
                                createdAt: string;
                                deliveredAt: string | null;
                                /** Format: uuid */
                                endpointId: string;
                                eventType: string;
                                /** Format: uuid */
                                id: string;
                                lastError: string | null;
                                lastStatus: number | null;
                                nextAttemptAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed";
                                webhookId: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with every attempt: request, answer, latency (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    endpointId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: {
                                attemptedAt: string;
                                error: string | null;
                                latencyMs: number;
                                requestBody: string;
                                requestHeaders: {
                                    [key: string]: string;
                                };
                                responseBody: string | null;
                                responseStatus: number | null;
                            }[];
                            delivery: {
                                attempts: number;
                                conversationId: string | null;
                                createdAt: string;
                                deliveredAt: string | null;
                                /** Format: uuid */
                                endpointId: string;
                                eventType: string;
                                /** Format: uuid */
                                id: string;
                                lastError: string | null;
                                lastStatus: number | null;
                                nextAttemptAt: string | null;
                                /** @enum {string} */
                                status: "pending" | "delivered" | "failed";
                                webhookId: string;
                            };
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again (integrations.manage): due now, with its attempts counted afresh, in order with its conversation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    endpointId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            conversationId: string | null;
                            createdAt: string;
                            deliveredAt: string | null;
                            /** Format: uuid */
                            endpointId: string;
                            eventType: string;
                            /** Format: uuid */
                            id: string;
                            lastError: string | null;
                            lastStatus: number | null;
                            nextAttemptAt: string | null;
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed";
                            webhookId: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/webhooks/{endpointId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate a webhook endpoint's signing secret (integrations.manage): the old one signs beside it for overlapMinutes; shown this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 1440 */
                        overlapMinutes?: number;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            previousExpiresAt: string | null;
                            secret: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/{id}/webhooks/{endpointId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a webhook.test event to the endpoint now and answer with the attempt (integrations.manage); it is in the delivery log too */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    endpointId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempt: {
                                attemptedAt: string;
                                error: string | null;
                                latencyMs: number;
                                requestBody: string;
                                requestHeaders: {
                                    [key: string]: string;
                                };
                                responseBody: string | null;
                                responseStatus: number | null;
                            };
                            delivered: boolean;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The back-office sends an event (API key with events.send; Standard Webhooks signature); 202 when queued, 200 for a duplicate
         * @description Signed as Standard Webhooks: webhook-id, webhook-timestamp (seconds; within 300 s of our clock) and webhook-signature (v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the integration's signing secret>). Idempotent on webhook-id and on the business key (tripId + version, documentId, customerId + version). See docs/integration.md.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Unique per event; the same on every retry of it */
                    "webhook-id": string;
                    /** @description Space-separated v1,<base64> signatures */
                    "webhook-signature": string;
                    /** @description Seconds since 1970 when it was signed */
                    "webhook-timestamp": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        data: {
                            changes: ({
                                /** @enum {string} */
                                field: "time";
                                new: (string & (unknown & unknown)) | null;
                                old: (string & (unknown & unknown)) | null;
                                segment?: string;
                            } | {
                                /** @enum {string} */
                                field: "flight";
                                new: string | null;
                                old: string | null;
                                segment?: string;
                            } | {
                                /** @enum {string} */
                                field: "hotel";
                                new: string | null;
                                old: string | null;
                                segment?: string;
                            })[];
                            customer?: {
                                email?: string;
                                /** @enum {string} */
                                locale?: "ru" | "en";
                                name?: string;
                                timeZone?: components["schemas"]["TimeZoneInput"];
                            };
                            customerId: string;
                            departureAt?: string & (unknown & unknown);
                            title?: string;
                            tripId: string;
                            version: number;
                        };
                        timestamp: string & (unknown & unknown);
                        /** @enum {string} */
                        type: "trip.changed";
                    } | {
                        data: {
                            customer?: {
                                email?: string;
                                /** @enum {string} */
                                locale?: "ru" | "en";
                                name?: string;
                                timeZone?: components["schemas"]["TimeZoneInput"];
                            };
                            customerId: string;
                            departureAt?: string & (unknown & unknown);
                            reason?: string;
                            title?: string;
                            tripId: string;
                            version: number;
                        };
                        timestamp: string & (unknown & unknown);
                        /** @enum {string} */
                        type: "trip.cancelled";
                    } | {
                        data: {
                            customer?: {
                                email?: string;
                                /** @enum {string} */
                                locale?: "ru" | "en";
                                name?: string;
                                timeZone?: components["schemas"]["TimeZoneInput"];
                            };
                            customerId: string;
                            departureAt?: string & (unknown & unknown);
                            reason: string;
                            /** @enum {string} */
                            service: "flight" | "hotel" | "train" | "transfer" | "other";
                            title?: string;
                            tripId: string;
                            version: number;
                        };
                        timestamp: string & (unknown & unknown);
                        /** @enum {string} */
                        type: "booking.failed";
                    } | {
                        data: {
                            customer?: {
                                email?: string;
                                /** @enum {string} */
                                locale?: "ru" | "en";
                                name?: string;
                                timeZone?: components["schemas"]["TimeZoneInput"];
                            };
                            customerId: string;
                            documentId: string;
                            file: {
                                contentBase64: string;
                                contentType: string;
                                name: string;
                            };
                            /** @enum {string} */
                            kind: "reconciliation_act" | "itinerary" | "invoice" | "voucher" | "other";
                            title: string;
                            tripId?: string;
                        };
                        timestamp: string & (unknown & unknown);
                        /** @enum {string} */
                        type: "document.ready";
                    } | {
                        data: {
                            customerId: string;
                            email?: string;
                            /** @enum {string} */
                            locale?: "ru" | "en";
                            name?: string;
                            timeZone?: components["schemas"]["TimeZoneInput"];
                            version?: number;
                        };
                        timestamp: string & (unknown & unknown);
                        /** @enum {string} */
                        type: "customer.updated";
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicate: boolean;
                            /** Format: uuid */
                            eventId: string;
                            /** @enum {string} */
                            status: "queued" | "processing" | "done" | "superseded" | "failed";
                        };
                    };
                };
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            duplicate: boolean;
                            /** Format: uuid */
                            eventId: string;
                            /** @enum {string} */
                            status: "queued" | "processing" | "done" | "superseded" | "failed";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description A file type that is not allowed, or bytes that are not of the declared type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/integrations/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What trip events open, in order (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: {
                                /** @enum {string} */
                                change?: "time" | "flight" | "hotel";
                                /** @enum {string} */
                                eventType: "trip.changed" | "trip.cancelled" | "booking.failed";
                                notifyCustomer: boolean;
                                /** Format: uuid */
                                teamId?: string;
                                topic: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /** Replace the rules for trip events, in order; the first that matches applies (integrations.manage) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: {
                            /** @enum {string} */
                            change?: "time" | "flight" | "hotel";
                            /** @enum {string} */
                            eventType: "trip.changed" | "trip.cancelled" | "booking.failed";
                            notifyCustomer: boolean;
                            /** Format: uuid */
                            teamId?: string;
                            topic: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rules: {
                                /** @enum {string} */
                                change?: "time" | "flight" | "hotel";
                                /** @enum {string} */
                                eventType: "trip.changed" | "trip.cancelled" | "booking.failed";
                                notifyCustomer: boolean;
                                /** Format: uuid */
                                teamId?: string;
                                topic: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/macros": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shared macros and your own */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            macros: {
                                body: string;
                                createdAt: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                                ownerId: string | null;
                                shared: boolean;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Create a personal macro, or a shared one (macros.manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        name: string;
                        /** @default false */
                        shared?: boolean;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            ownerId: string | null;
                            shared: boolean;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/macros/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete your own macro, or a shared one (macros.manage) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a macro: your own, or a shared one (macros.manage); shared: true shares yours, shared: false makes a shared one yours (both macros.manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body?: string;
                        name?: string;
                        shared?: boolean;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            body: string;
                            createdAt: string;
                            /** Format: uuid */
                            id: string;
                            name: string;
                            ownerId: string | null;
                            shared: boolean;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/mail/blocked-senders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Senders whose mail is kept out of the inbox (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            senders: string[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Replace the blocked senders: addresses, or domains written "@domain" (integrations.manage)
         * @description Mail from a blocked sender is stored and recorded (outcome blocked) but opens nothing and reaches no conversation.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        senders: string[];
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            senders: string[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mailboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Support mailboxes (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mailboxes: {
                                address: string;
                                autoAcknowledge: boolean;
                                createdAt: string;
                                displayName: string;
                                enabled: boolean;
                                /** Format: uuid */
                                id: string;
                                imap: {
                                    folder: string;
                                    host: string;
                                    passwordSet: boolean;
                                    port: number;
                                    tls: boolean;
                                    user: string;
                                } | null;
                                /** @enum {string} */
                                inbound: "imap" | "smtp";
                                signature: string;
                                smtp: {
                                    host: string;
                                    passwordSet: boolean;
                                    port: number;
                                    /** @enum {string} */
                                    security: "none" | "starttls" | "tls";
                                    user: string | null;
                                };
                                /** Format: uuid */
                                teamId: string;
                                topic: string;
                                updatedAt: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a support mailbox (integrations.manage); passwords are stored sealed and never returned
         * @description inbound imap: Smartchat reads imap.folder (imap and its password required); inbound smtp: mail is relayed to the mail role's SMTP listener. A password needs SMARTCHAT_SECRET_KEYS (else 422, rule secret_keys_missing). An unknown team: 422, rule team_unknown. An address in use: 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: string;
                        /** @default false */
                        autoAcknowledge?: boolean;
                        /** @default  */
                        displayName?: string;
                        /** @default true */
                        enabled?: boolean;
                        imap?: {
                            /** @default INBOX */
                            folder?: string;
                            host: string;
                            password?: string;
                            /** @default 993 */
                            port?: number;
                            /** @default true */
                            tls?: boolean;
                            user: string;
                        };
                        /** @enum {string} */
                        inbound: "imap" | "smtp";
                        /** @default  */
                        signature?: string;
                        smtp: {
                            host: string;
                            password?: string | null;
                            /** @default 587 */
                            port?: number;
                            /**
                             * @default starttls
                             * @enum {string}
                             */
                            security?: "none" | "starttls" | "tls";
                            user?: string | null;
                        };
                        /** Format: uuid */
                        teamId: string;
                        /** @default email */
                        topic?: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            autoAcknowledge: boolean;
                            createdAt: string;
                            displayName: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            imap: {
                                folder: string;
                                host: string;
                                passwordSet: boolean;
                                port: number;
                                tls: boolean;
                                user: string;
                            } | null;
                            /** @enum {string} */
                            inbound: "imap" | "smtp";
                            signature: string;
                            smtp: {
                                host: string;
                                passwordSet: boolean;
                                port: number;
                                /** @enum {string} */
                                security: "none" | "starttls" | "tls";
                                user: string | null;
                            };
                            /** Format: uuid */
                            teamId: string;
                            topic: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mailboxes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One support mailbox (integrations.manage) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            autoAcknowledge: boolean;
                            createdAt: string;
                            displayName: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            imap: {
                                folder: string;
                                host: string;
                                passwordSet: boolean;
                                port: number;
                                tls: boolean;
                                user: string;
                            } | null;
                            /** @enum {string} */
                            inbound: "imap" | "smtp";
                            signature: string;
                            smtp: {
                                host: string;
                                passwordSet: boolean;
                                port: number;
                                /** @enum {string} */
                                security: "none" | "starttls" | "tls";
                                user: string | null;
                            };
                            /** Format: uuid */
                            teamId: string;
                            topic: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a support mailbox (integrations.manage); a password left out is kept
         * @description imap and smtp are replaced as a whole, except their password: omitted, the stored one stays; smtp.password null removes it. enabled: false stops reading and sending for it (queued answers wait).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        autoAcknowledge?: boolean;
                        displayName?: string;
                        enabled?: boolean;
                        imap?: {
                            /** @default INBOX */
                            folder?: string;
                            host: string;
                            password?: string;
                            /** @default 993 */
                            port?: number;
                            /** @default true */
                            tls?: boolean;
                            user: string;
                        };
                        /** @enum {string} */
                        inbound?: "imap" | "smtp";
                        signature?: string;
                        smtp?: {
                            host: string;
                            password?: string | null;
                            /** @default 587 */
                            port?: number;
                            /**
                             * @default starttls
                             * @enum {string}
                             */
                            security?: "none" | "starttls" | "tls";
                            user?: string | null;
                        };
                        /** Format: uuid */
                        teamId?: string;
                        topic?: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            autoAcknowledge: boolean;
                            createdAt: string;
                            displayName: string;
                            enabled: boolean;
                            /** Format: uuid */
                            id: string;
                            imap: {
                                folder: string;
                                host: string;
                                passwordSet: boolean;
                                port: number;
                                tls: boolean;
                                user: string;
                            } | null;
                            /** @enum {string} */
                            inbound: "imap" | "smtp";
                            signature: string;
                            smtp: {
                                host: string;
                                passwordSet: boolean;
                                port: number;
                                /** @enum {string} */
                                security: "none" | "starttls" | "tls";
                                user: string | null;
                            };
                            /** Format: uuid */
                            teamId: string;
                            topic: string;
                            updatedAt: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/mailboxes/{id}/received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a mailbox received, newest first, with each message's outcome (integrations.manage) */
        get: {
            parameters: {
                query?: {
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            received: {
                                conversationId: string | null;
                                detail: {
                                    [key: string]: unknown;
                                } | null;
                                hasOriginal: boolean;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                mailboxId: string;
                                mailMessageId: string;
                                messageId: string | null;
                                outcome: ("new_conversation" | "joined" | "automatic_attached" | "bounce" | "automatic_unthreaded" | "blocked" | "own_address" | "no_sender" | "malformed" | "too_large") | null;
                                receivedAt: string;
                                sender: string | null;
                                size: number;
                                /** @enum {string} */
                                state: "stored" | "processed" | "rejected";
                                subject: string | null;
                                /** @enum {string} */
                                via: "imap" | "smtp";
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I: an agent with their permissions and scope (and whether they must change their password first), or a customer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignmentPaused: boolean;
                            capacity: number;
                            disabled: boolean;
                            email: string;
                            /** Format: uuid */
                            id: string;
                            mustChangePassword: boolean;
                            name: string;
                            permissions: ("conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.snooze" | "conversations.close" | "conversations.internal" | "assignment.override" | "messages.delete_own" | "messages.history" | "messages.restore" | "macros.manage" | "statistics.view" | "reports.export" | "agents.manage" | "teams.manage" | "roles.manage" | "integrations.manage" | "audit.view")[];
                            role: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            /** @enum {string} */
                            status: "online" | "away" | "offline";
                            teamIds: string[];
                            timeZone: string;
                            /** @enum {string} */
                            type: "agent";
                        } | {
                            customer: {
                                externalId: string;
                                /** Format: uuid */
                                id: string;
                                name: string | null;
                            };
                            /** @enum {string} */
                            type: "customer";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mentions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the caller was @mentioned, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            mentions: {
                                at: string;
                                by: {
                                    /** Format: uuid */
                                    id: string;
                                    name: string;
                                } | null;
                                /** Format: uuid */
                                conversationId: string;
                                messageId: string;
                                topic: string | null;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in and custom roles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            roles: {
                                builtin: boolean;
                                description: string;
                                name: string;
                                permissions: ("conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.snooze" | "conversations.close" | "conversations.internal" | "assignment.override" | "messages.delete_own" | "messages.history" | "messages.restore" | "macros.manage" | "statistics.view" | "reports.export" | "agents.manage" | "teams.manage" | "roles.manage" | "integrations.manage" | "audit.view")[];
                                /** @enum {string} */
                                scope: "all" | "teams" | "assigned";
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Create a custom role (roles.manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        name: string;
                        permissions: ("conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.snooze" | "conversations.close" | "conversations.internal" | "assignment.override" | "messages.delete_own" | "messages.history" | "messages.restore" | "macros.manage" | "statistics.view" | "reports.export" | "agents.manage" | "teams.manage" | "roles.manage" | "integrations.manage" | "audit.view")[];
                        /** @enum {string} */
                        scope: "all" | "teams" | "assigned";
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtin: boolean;
                            description: string;
                            name: string;
                            permissions: ("conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.snooze" | "conversations.close" | "conversations.internal" | "assignment.override" | "messages.delete_own" | "messages.history" | "messages.restore" | "macros.manage" | "statistics.view" | "reports.export" | "agents.manage" | "teams.manage" | "roles.manage" | "integrations.manage" | "audit.view")[];
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a custom role nobody holds (roles.manage) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a custom role (roles.manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        permissions?: ("conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.snooze" | "conversations.close" | "conversations.internal" | "assignment.override" | "messages.delete_own" | "messages.history" | "messages.restore" | "macros.manage" | "statistics.view" | "reports.export" | "agents.manage" | "teams.manage" | "roles.manage" | "integrations.manage" | "audit.view")[];
                        /** @enum {string} */
                        scope?: "all" | "teams" | "assigned";
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            builtin: boolean;
                            description: string;
                            name: string;
                            permissions: ("conversations.reply" | "conversations.note" | "conversations.assign" | "conversations.transfer" | "conversations.snooze" | "conversations.close" | "conversations.internal" | "assignment.override" | "messages.delete_own" | "messages.history" | "messages.restore" | "macros.manage" | "statistics.view" | "reports.export" | "agents.manage" | "teams.manage" | "roles.manage" | "integrations.manage" | "audit.view")[];
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search messages (and conversations by subject or customer): words in any form, "exact phrases", prefixes (123-Q*); results are conversations with highlighted matches, newest first or by relevance, keyset pages (cursor → nextCursor). Agents search what they may see; customers their own conversations (only q, sort, limit, cursor) */
        get: {
            parameters: {
                query: {
                    assigneeId?: string;
                    author?: "customer" | "agent" | "system";
                    channel?: "widget" | "email" | "api" | "internal";
                    cursor?: string;
                    customerId?: string;
                    from?: string & (unknown & unknown);
                    hasAttachment?: boolean;
                    includeDeleted?: boolean;
                    limit?: number;
                    q: string;
                    sort?: "newest" | "relevance";
                    status?: "open" | "snoozed" | "closed";
                    teamId?: string;
                    to?: string & (unknown & unknown);
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor: string | null;
                            results: ({
                                conversation: {
                                    assignedAt: string | null;
                                    assigneeId: string | null;
                                    /** @enum {string} */
                                    channel: "widget" | "email" | "api" | "internal";
                                    closedAt: string | null;
                                    createdAt: string;
                                    customer: {
                                        email: string | null;
                                        /** Format: uuid */
                                        id: string;
                                        name: string | null;
                                    } | null;
                                    customerId: string | null;
                                    firstReplyAt: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    internal: boolean;
                                    lastCustomerMessageAt: string | null;
                                    lastMessageAt: string | null;
                                    lastReplyAt: string | null;
                                    participants: string[];
                                    preview: {
                                        at: string;
                                        body: string;
                                        /** @enum {string} */
                                        kind: "customer" | "reply" | "notice";
                                    } | null;
                                    priority: number;
                                    queuedAt: string | null;
                                    reopenedAt: string | null;
                                    slaBreach: {
                                        at: string;
                                        /** @enum {string} */
                                        kind: "first_response" | "next_response";
                                    } | null;
                                    snoozedUntil: string | null;
                                    /** @enum {string} */
                                    status: "open" | "snoozed" | "closed";
                                    subject: string | null;
                                    teamId: string | null;
                                    topic: string | null;
                                    tripDepartsAt: string | null;
                                    updatedAt: string;
                                    waitingSince: string | null;
                                };
                                hits: {
                                    at: string;
                                    deleted: boolean;
                                    hasAttachment: boolean;
                                    /** @enum {string} */
                                    kind: "customer" | "reply" | "note" | "system" | "notice";
                                    messageId: string;
                                    snippet: {
                                        match: boolean;
                                        text: string;
                                    }[];
                                }[];
                                matchedFields: ("subject" | "customer")[];
                                matches: number;
                                subject: {
                                    match: boolean;
                                    text: string;
                                }[] | null;
                            } | {
                                conversation: {
                                    createdAt: string;
                                    /** Format: uuid */
                                    id: string;
                                    lastMessageAt: string | null;
                                    /** @enum {string} */
                                    status: "open" | "snoozed" | "closed";
                                    subject: string | null;
                                    topic: string | null;
                                };
                                hits: {
                                    at: string;
                                    deleted: boolean;
                                    hasAttachment: boolean;
                                    /** @enum {string} */
                                    kind: "customer" | "reply" | "note" | "system" | "notice";
                                    messageId: string;
                                    snippet: {
                                        match: boolean;
                                        text: string;
                                    }[];
                                }[];
                                matchedFields: "subject"[];
                                matches: number;
                                subject: {
                                    match: boolean;
                                    text: string;
                                }[] | null;
                            })[];
                            terms: {
                                /** @enum {string} */
                                kind: "word" | "phrase" | "prefix";
                                text: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agent table: online and away time, replies, closes, response and handling times, CSAT per agent in scope, by name (statistics.view) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    from: string;
                    internal?: "true" | "false";
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agents: {
                                /** Format: uuid */
                                agentId: string;
                                away: {
                                    /** @enum {string} */
                                    kind: "total";
                                    n: number;
                                    totalMs: number;
                                };
                                closedConversations: {
                                    /** @enum {string} */
                                    kind: "count";
                                    n: number;
                                };
                                csatRating: {
                                    /** @enum {string} */
                                    kind: "distribution";
                                    mean: number | null;
                                    median: number | null;
                                    n: number;
                                    p90: number | null;
                                };
                                csatSatisfied: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                                firstResponse: {
                                    business: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    calendar: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @enum {string} */
                                    kind: "duration";
                                    n: number;
                                };
                                handling: {
                                    business: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    calendar: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @enum {string} */
                                    kind: "duration";
                                    n: number;
                                };
                                name: string;
                                online: {
                                    /** @enum {string} */
                                    kind: "total";
                                    n: number;
                                    totalMs: number;
                                };
                                replies: {
                                    /** @enum {string} */
                                    kind: "count";
                                    n: number;
                                };
                            }[];
                            end: string;
                            filters: {
                                agentIds: string[];
                                channels: string[];
                                internal: boolean;
                                teamIds: string[];
                                topics: string[];
                            };
                            from: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            start: string;
                            timeZone: string;
                            to: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/agents/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agent table as a file: format csv or xlsx, headings in lang (statistics.view and reports.export; audited) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    format: "csv" | "xlsx";
                    from: string;
                    internal?: "true" | "false";
                    lang?: "en" | "ru";
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Blob;
                        "text/csv; charset=utf-8": Blob;
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** CSAT: ratings 1..5, the satisfied share, the response rate, and comments of conversations the caller may open, newest first, at most limit (statistics.view) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    from: string;
                    internal?: "true" | "false";
                    limit?: number;
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            comments: {
                                agentId: string | null;
                                at: string;
                                comment: string;
                                /** Format: uuid */
                                conversationId: string;
                                rating: number;
                                teamId: string | null;
                            }[];
                            distribution: {
                                n: number;
                                rating: number;
                            }[];
                            end: string;
                            filters: {
                                agentIds: string[];
                                channels: string[];
                                internal: boolean;
                                teamIds: string[];
                                topics: string[];
                            };
                            from: string;
                            rating: {
                                /** @enum {string} */
                                kind: "distribution";
                                mean: number | null;
                                median: number | null;
                                n: number;
                                p90: number | null;
                            };
                            responseRate: {
                                hits: number;
                                /** @enum {string} */
                                kind: "ratio";
                                n: number;
                                rate: number | null;
                            };
                            satisfied: {
                                hits: number;
                                /** @enum {string} */
                                kind: "ratio";
                                n: number;
                                rate: number | null;
                            };
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            start: string;
                            timeZone: string;
                            to: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/heatmap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Load by hour of the week in the zone: new conversations and customer messages per weekday (1 Monday … 7 Sunday) and hour, all 168 cells (statistics.view) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    from: string;
                    internal?: "true" | "false";
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cells: {
                                customerMessages: number;
                                hour: number;
                                newConversations: number;
                                weekday: number;
                            }[];
                            end: string;
                            filters: {
                                agentIds: string[];
                                channels: string[];
                                internal: boolean;
                                teamIds: string[];
                                topics: string[];
                            };
                            from: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            start: string;
                            timeZone: string;
                            to: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Now, per team in scope (none for scope assigned): customer conversations waiting in the team's queue, the oldest wait, agents online and available (statistics.view; works without the statistics database) */
        get: {
            parameters: {
                query?: {
                    teamIds?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            at: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            teams: {
                                agentsAvailable: number;
                                agentsOnline: number;
                                name: string;
                                oldestWaitingSince: string | null;
                                oldestWaitMs: number | null;
                                queueLength: number;
                                /** Format: uuid */
                                teamId: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The metric catalogue: ids, units, how each is summed up, and its exact definition in English and Russian (statistics.view) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            metrics: {
                                /** @enum {string} */
                                aggregation: "count" | "duration" | "distribution" | "ratio" | "count_ratio" | "total";
                                better: ("higher" | "lower") | null;
                                definition: {
                                    en: string;
                                    ru: string;
                                };
                                factKinds: string[];
                                /** @enum {string} */
                                figure: "count" | "duration" | "ratio" | "distribution" | "total";
                                id: string;
                                name: {
                                    en: string;
                                    ru: string;
                                };
                                unit: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every metric of the catalogue for the range and for as many days just before it (the trend), each figure with its n (statistics.view) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    from: string;
                    internal?: "true" | "false";
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            end: string;
                            figures: {
                                current: components["schemas"]["StatisticsFigure"];
                                metric: string;
                                previous: components["schemas"]["StatisticsFigure"];
                            }[];
                            filters: {
                                agentIds: string[];
                                channels: string[];
                                internal: boolean;
                                teamIds: string[];
                                topics: string[];
                            };
                            from: string;
                            previousFrom: string;
                            previousTo: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            start: string;
                            timeZone: string;
                            to: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reports, newest first: monthly ones of the whole desk (built on the 1st, rebuilt and frozen on the 3rd) and custom ones of the desk or of some teams (statistics.view; scope all: every report; scope teams: reports of teams that are all yours) */
        get: {
            parameters: {
                query?: {
                    before?: string;
                    kind?: "monthly" | "custom";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            more: boolean;
                            reports: components["schemas"]["StatisticsReport"][];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Ask for a report for local days from..to (both included) in timeZone (default: yours), of the teams teamIds or of the whole desk; scope teams: of your teams (all of them unless you name some; naming another team is 403). It is built in the background — follow its status and progress with GET …/reports/{id} (reports.export). 202: queued; 200: the same range and teams you asked for are already queued or building, that report. 422 (details[].rule): impossible_date, inverted_range, over_long_range (over 400 days), future_range (ends after today), partial_hour_zone, unknown_team */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from: string;
                        teamIds?: string[];
                        timeZone?: components["schemas"]["TimeZoneInput"];
                        to: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StatisticsReport"];
                    };
                };
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StatisticsReport"];
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One report: its status, progress while it is built, and the sizes of its files once built (statistics.view; 404 for a report the caller may not read) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StatisticsReport"];
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/reports/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the report's PDF summary with charts of its last finished build (reports.export; audited). 404 for a report the caller may not read; 409: not built yet */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": Blob;
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/reports/{id}/xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the report's XLSX workbook (summary, teams, agents, SLA breaches, CSAT comments) of its last finished build (reports.export; audited). 404 for a report the caller may not read; 409: not built yet */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Blob;
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One metric per hour, day, week (Monday to Sunday) or month of the zone's calendar; every bucket of the range, empty ones with n 0; hourly at most 31 days (statistics.view) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    from: string;
                    internal?: "true" | "false";
                    interval?: "hour" | "day" | "week" | "month";
                    metric: string;
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            buckets: {
                                figure: components["schemas"]["StatisticsFigure"];
                                label: string;
                                start: string;
                            }[];
                            end: string;
                            filters: {
                                agentIds: string[];
                                channels: string[];
                                internal: boolean;
                                teamIds: string[];
                                topics: string[];
                            };
                            from: string;
                            /** @enum {string} */
                            interval: "hour" | "day" | "week" | "month";
                            metric: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            start: string;
                            timeZone: string;
                            to: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/sla": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SLA hit rate per kind, overall and per team in scope, and the breached clocks of conversations the caller may open, newest first, at most limit (statistics.view) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    from: string;
                    internal?: "true" | "false";
                    limit?: number;
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            breaches: {
                                agentId: string | null;
                                at: string;
                                /** Format: uuid */
                                conversationId: string;
                                /** @enum {string} */
                                kind: "first_response" | "next_response";
                                teamId: string | null;
                            }[];
                            end: string;
                            filters: {
                                agentIds: string[];
                                channels: string[];
                                internal: boolean;
                                teamIds: string[];
                                topics: string[];
                            };
                            from: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            start: string;
                            teams: {
                                firstResponse: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                                name: string;
                                nextResponse: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                                /** Format: uuid */
                                teamId: string;
                            }[];
                            timeZone: string;
                            to: string;
                            total: {
                                firstResponse: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                                nextResponse: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                            };
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The team table: main figures per team in scope, by name (statistics.view) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    from: string;
                    internal?: "true" | "false";
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            end: string;
                            filters: {
                                agentIds: string[];
                                channels: string[];
                                internal: boolean;
                                teamIds: string[];
                                topics: string[];
                            };
                            from: string;
                            /** @enum {string} */
                            scope: "all" | "teams" | "assigned";
                            start: string;
                            teams: {
                                closedConversations: {
                                    /** @enum {string} */
                                    kind: "count";
                                    n: number;
                                };
                                csatSatisfied: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                                firstResponse: {
                                    business: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    calendar: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @enum {string} */
                                    kind: "duration";
                                    n: number;
                                };
                                name: string;
                                newConversations: {
                                    /** @enum {string} */
                                    kind: "count";
                                    n: number;
                                };
                                nextResponse: {
                                    business: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    calendar: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @enum {string} */
                                    kind: "duration";
                                    n: number;
                                };
                                reopenedConversations: {
                                    /** @enum {string} */
                                    kind: "count";
                                    n: number;
                                };
                                resolution: {
                                    business: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    calendar: {
                                        mean: number | null;
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @enum {string} */
                                    kind: "duration";
                                    n: number;
                                };
                                slaFirstResponse: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                                slaNextResponse: {
                                    hits: number;
                                    /** @enum {string} */
                                    kind: "ratio";
                                    n: number;
                                    rate: number | null;
                                };
                                /** Format: uuid */
                                teamId: string;
                            }[];
                            timeZone: string;
                            to: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/teams/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The team table as a file: format csv or xlsx, headings in lang (statistics.view and reports.export; audited) */
        get: {
            parameters: {
                query: {
                    agentIds?: string[];
                    channels?: ("widget" | "email" | "api" | "internal")[];
                    format: "csv" | "xlsx";
                    from: string;
                    internal?: "true" | "false";
                    lang?: "en" | "ru";
                    teamIds?: string[];
                    timeZone?: components["schemas"]["TimeZoneInput"];
                    to: string;
                    topics?: string[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": Blob;
                        "text/csv; charset=utf-8": Blob;
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporarily unavailable: retry (a message with the same clientMessageId) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Teams and their members */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            teams: {
                                assignment: {
                                    assignmentPaused: boolean;
                                    autoCloseAfterMinutes: number | null;
                                    businessHours: {
                                        days: {
                                            [key: string]: [
                                                string,
                                                string
                                            ][];
                                        };
                                        timeZone: string;
                                    } | null;
                                    csatEnabled: boolean;
                                    firstResponseMinutes: number | null;
                                    isDefault: boolean;
                                    nextResponseMinutes: number | null;
                                    overflowAfterMinutes: number | null;
                                    overflowTeamId: string | null;
                                    topics: string[];
                                };
                                /** Format: uuid */
                                id: string;
                                memberIds: string[];
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Create a team (teams.manage) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignment: {
                                assignmentPaused: boolean;
                                autoCloseAfterMinutes: number | null;
                                businessHours: {
                                    days: {
                                        [key: string]: [
                                            string,
                                            string
                                        ][];
                                    };
                                    timeZone: string;
                                } | null;
                                csatEnabled: boolean;
                                firstResponseMinutes: number | null;
                                isDefault: boolean;
                                nextResponseMinutes: number | null;
                                overflowAfterMinutes: number | null;
                                overflowTeamId: string | null;
                                topics: string[];
                            };
                            /** Format: uuid */
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a team without conversations or support mailboxes (teams.manage) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Rename a team (teams.manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignment: {
                                assignmentPaused: boolean;
                                autoCloseAfterMinutes: number | null;
                                businessHours: {
                                    days: {
                                        [key: string]: [
                                            string,
                                            string
                                        ][];
                                    };
                                    timeZone: string;
                                } | null;
                                csatEnabled: boolean;
                                firstResponseMinutes: number | null;
                                isDefault: boolean;
                                nextResponseMinutes: number | null;
                                overflowAfterMinutes: number | null;
                                overflowTeamId: string | null;
                                topics: string[];
                            };
                            /** Format: uuid */
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/teams/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** How a team's queue is fed and served: topics, default team, pause, overflow, SLA, business hours, auto-close (teams.manage) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        assignmentPaused?: boolean;
                        autoCloseAfterMinutes?: number | null;
                        businessHours?: {
                            days: {
                                [key: string]: [
                                    string,
                                    string
                                ][];
                            };
                            timeZone: components["schemas"]["TimeZoneInput"];
                        } | null;
                        csatEnabled?: boolean;
                        firstResponseMinutes?: number | null;
                        isDefault?: boolean;
                        nextResponseMinutes?: number | null;
                        overflowAfterMinutes?: number | null;
                        overflowTeamId?: string | null;
                        topics?: string[];
                    } & (unknown | unknown | {
                        overflowTeamId: null;
                    });
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignment: {
                                assignmentPaused: boolean;
                                autoCloseAfterMinutes: number | null;
                                businessHours: {
                                    days: {
                                        [key: string]: [
                                            string,
                                            string
                                        ][];
                                    };
                                    timeZone: string;
                                } | null;
                                csatEnabled: boolean;
                                firstResponseMinutes: number | null;
                                isDefault: boolean;
                                nextResponseMinutes: number | null;
                                overflowAfterMinutes: number | null;
                                overflowTeamId: string | null;
                                topics: string[];
                            };
                            /** Format: uuid */
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/teams/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a team's members (teams.manage) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agentIds: string[];
                    };
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignment: {
                                assignmentPaused: boolean;
                                autoCloseAfterMinutes: number | null;
                                businessHours: {
                                    days: {
                                        [key: string]: [
                                            string,
                                            string
                                        ][];
                                    };
                                    timeZone: string;
                                } | null;
                                csatEnabled: boolean;
                                firstResponseMinutes: number | null;
                                isDefault: boolean;
                                nextResponseMinutes: number | null;
                                overflowAfterMinutes: number | null;
                                overflowTeamId: string | null;
                                topics: string[];
                            };
                            /** Format: uuid */
                            id: string;
                            memberIds: string[];
                            name: string;
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found, or not visible to the caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The body is over the limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Well-formed, but a rule the document names refuses it */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/topics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The topics a conversation can be opened with, sorted */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            topics: string[];
                        };
                    };
                };
                /** @description The request does not match this document (SC_ERR_VALIDATION), or its body is not JSON */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No token, or one that is not (or no longer) valid */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed for the caller, or a password change comes first */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Too many requests: wait (Retry-After, details.retryAfterMs or x-ratelimit-reset) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
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
        ErrorResponse: {
            error: {
                /** @enum {string} */
                code: "SC_ERR_VALIDATION" | "SC_ERR_UNPROCESSABLE" | "SC_ERR_BODY_TOO_LARGE" | "SC_ERR_METHOD_NOT_ALLOWED" | "SC_ERR_AUTH_REQUIRED" | "SC_ERR_AUTH_INVALID_TOKEN" | "SC_ERR_AUTH_SESSION_REVOKED" | "SC_ERR_AUTH_BAD_CREDENTIALS" | "SC_ERR_AUTH_THROTTLED" | "SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED" | "SC_ERR_AUTH_WRONG_PASSWORD" | "SC_ERR_AUTH_RESET_INVALID" | "SC_ERR_PASSWORD_POLICY" | "SC_ERR_FORBIDDEN" | "SC_ERR_NOT_FOUND" | "SC_ERR_CONVERSATION_NOT_FOUND" | "SC_ERR_MESSAGE_NOT_FOUND" | "SC_ERR_CUSTOMER_NOT_FOUND" | "SC_ERR_MESSAGE_KIND_NOT_ALLOWED" | "SC_ERR_MESSAGE_ID_REUSED" | "SC_ERR_ATTACHMENT_TYPE" | "SC_ERR_ATTACHMENT_TOO_LARGE" | "SC_ERR_ATTACHMENT_QUOTA" | "SC_ERR_CONFLICT" | "SC_ERR_CONVERSATION_INVALID_TRANSITION" | "SC_ERR_CONVERSATION_SNOOZE_IN_PAST" | "SC_ERR_SEARCH_TIMEOUT" | "SC_ERR_CSAT_SURVEY_NOT_FOUND" | "SC_ERR_CSAT_CLOSED" | "SC_ERR_ASSIGNMENT_OUTSIDE_TEAM" | "SC_ERR_ASSIGNMENT_OVER_CAPACITY" | "SC_ERR_INTEGRATION_KEY_INVALID" | "SC_ERR_WEBHOOK_SIGNATURE_INVALID" | "SC_ERR_WEBHOOK_TIMESTAMP_INVALID" | "SC_ERR_WEBHOOK_ID_REUSED" | "SC_ERR_ACTION_FAILED" | "SC_ERR_ACTION_TIMEOUT" | "SC_ERR_RATE_LIMITED" | "SC_ERR_UNAVAILABLE" | "SC_ERR_STATISTICS_UNAVAILABLE" | "SC_ERR_INTERNAL";
                details?: unknown;
                message: string;
            };
        };
        ErrorResponseInput: {
            error: {
                /** @enum {string} */
                code: "SC_ERR_VALIDATION" | "SC_ERR_UNPROCESSABLE" | "SC_ERR_BODY_TOO_LARGE" | "SC_ERR_METHOD_NOT_ALLOWED" | "SC_ERR_AUTH_REQUIRED" | "SC_ERR_AUTH_INVALID_TOKEN" | "SC_ERR_AUTH_SESSION_REVOKED" | "SC_ERR_AUTH_BAD_CREDENTIALS" | "SC_ERR_AUTH_THROTTLED" | "SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED" | "SC_ERR_AUTH_WRONG_PASSWORD" | "SC_ERR_AUTH_RESET_INVALID" | "SC_ERR_PASSWORD_POLICY" | "SC_ERR_FORBIDDEN" | "SC_ERR_NOT_FOUND" | "SC_ERR_CONVERSATION_NOT_FOUND" | "SC_ERR_MESSAGE_NOT_FOUND" | "SC_ERR_CUSTOMER_NOT_FOUND" | "SC_ERR_MESSAGE_KIND_NOT_ALLOWED" | "SC_ERR_MESSAGE_ID_REUSED" | "SC_ERR_ATTACHMENT_TYPE" | "SC_ERR_ATTACHMENT_TOO_LARGE" | "SC_ERR_ATTACHMENT_QUOTA" | "SC_ERR_CONFLICT" | "SC_ERR_CONVERSATION_INVALID_TRANSITION" | "SC_ERR_CONVERSATION_SNOOZE_IN_PAST" | "SC_ERR_SEARCH_TIMEOUT" | "SC_ERR_CSAT_SURVEY_NOT_FOUND" | "SC_ERR_CSAT_CLOSED" | "SC_ERR_ASSIGNMENT_OUTSIDE_TEAM" | "SC_ERR_ASSIGNMENT_OVER_CAPACITY" | "SC_ERR_INTEGRATION_KEY_INVALID" | "SC_ERR_WEBHOOK_SIGNATURE_INVALID" | "SC_ERR_WEBHOOK_TIMESTAMP_INVALID" | "SC_ERR_WEBHOOK_ID_REUSED" | "SC_ERR_ACTION_FAILED" | "SC_ERR_ACTION_TIMEOUT" | "SC_ERR_RATE_LIMITED" | "SC_ERR_UNAVAILABLE" | "SC_ERR_STATISTICS_UNAVAILABLE" | "SC_ERR_INTERNAL";
                details?: unknown;
                message: string;
            };
        };
        StatisticsFigure: {
            /** @constant */
            kind: "count";
            n: number;
        } | {
            business: {
                mean: number | null;
                median: number | null;
                p90: number | null;
            };
            calendar: {
                mean: number | null;
                median: number | null;
                p90: number | null;
            };
            /** @constant */
            kind: "duration";
            n: number;
        } | {
            hits: number;
            /** @constant */
            kind: "ratio";
            n: number;
            rate: number | null;
        } | {
            /** @constant */
            kind: "distribution";
            mean: number | null;
            median: number | null;
            n: number;
            p90: number | null;
        } | {
            /** @constant */
            kind: "total";
            n: number;
            totalMs: number;
        };
        StatisticsFigureInput: {
            /** @constant */
            kind: "count";
            n: number;
        } | {
            business: {
                mean: number | null;
                median: number | null;
                p90: number | null;
            };
            calendar: {
                mean: number | null;
                median: number | null;
                p90: number | null;
            };
            /** @constant */
            kind: "duration";
            n: number;
        } | {
            hits: number;
            /** @constant */
            kind: "ratio";
            n: number;
            rate: number | null;
        } | {
            /** @constant */
            kind: "distribution";
            mean: number | null;
            median: number | null;
            n: number;
            p90: number | null;
        } | {
            /** @constant */
            kind: "total";
            n: number;
            totalMs: number;
        };
        StatisticsReport: {
            buildMs: number | null;
            builtAt: string | null;
            createdAt: string;
            createdBy: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            end: string;
            error: string | null;
            files: {
                pdf: {
                    bytes: number;
                } | null;
                xlsx: {
                    bytes: number;
                } | null;
            };
            from: string;
            frozenAt: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "monthly" | "custom";
            period: string | null;
            progress: number;
            start: string;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "building" | "ready" | "failed" | "frozen";
            teamIds: string[] | null;
            timeZone: string;
            to: string;
        };
        StatisticsReportInput: {
            buildMs: number | null;
            builtAt: string | null;
            createdAt: string;
            createdBy: {
                /** Format: uuid */
                id: string;
                name: string;
            } | null;
            end: string;
            error: string | null;
            files: {
                pdf: {
                    bytes: number;
                } | null;
                xlsx: {
                    bytes: number;
                } | null;
            };
            from: string;
            frozenAt: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "monthly" | "custom";
            period: string | null;
            progress: number;
            start: string;
            startedAt: string | null;
            /** @enum {string} */
            status: "queued" | "building" | "ready" | "failed" | "frozen";
            teamIds: string[] | null;
            timeZone: string;
            to: string;
        };
        /** @enum {string} */
        TimeZone: "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmara" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/Buenos_Aires" | "America/Argentina/La_Rioja" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Fort_Nelson" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Indianapolis" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Louisville" | "America/Kentucky/Monticello" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Nuuk" | "America/Ojinaga" | "America/Panama" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Colombo" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Hebron" | "Asia/Ho_Chi_Minh" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Kathmandu" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Kolkata" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ulaanbaatar" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yangon" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Faroe" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/Perth" | "Australia/Sydney" | "Etc/UTC" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Kyiv" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Ulyanovsk" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zurich" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Chuuk" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Kanton" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Pohnpei" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis" | "UTC";
        /** @enum {string} */
        TimeZoneInput: "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmara" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/Buenos_Aires" | "America/Argentina/La_Rioja" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Fort_Nelson" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Indianapolis" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Louisville" | "America/Kentucky/Monticello" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Nuuk" | "America/Ojinaga" | "America/Panama" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Colombo" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Hebron" | "Asia/Ho_Chi_Minh" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Kathmandu" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Kolkata" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ulaanbaatar" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yangon" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Faroe" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/Perth" | "Australia/Sydney" | "Etc/UTC" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Kyiv" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Ulyanovsk" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zurich" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Chuuk" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Kanton" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Pohnpei" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis" | "UTC";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
