// Generated from the chat process's /v1/openapi.json by openapi-typescript: the routes an
// integration calls (with an API key or a back-office token). Do not edit; regenerate with
// `scripts/api-check.sh --write-types` (make test fails while this file differs from the document).
export interface paths {
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
