// The error catalogue: every error a client can receive, over REST, a socket ack or a refused
// socket handshake (connect_error's `data`), has a stable code here with its HTTP status. Clients
// switch on `code`, never on `message`.

export const errorCatalogue = {
  SC_ERR_VALIDATION: { status: 400, message: 'The request is invalid' },
  SC_ERR_UNPROCESSABLE: { status: 422, message: 'The request is well-formed, but a rule refuses it' },
  SC_ERR_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  SC_ERR_METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed here' },
  SC_ERR_AUTH_REQUIRED: { status: 401, message: 'Authentication is required' },
  SC_ERR_AUTH_INVALID_TOKEN: { status: 401, message: 'The token is invalid or has expired' },
  SC_ERR_AUTH_SESSION_REVOKED: { status: 401, message: 'The session has been revoked' },
  SC_ERR_AUTH_BAD_CREDENTIALS: { status: 401, message: 'Wrong e-mail or password' },
  SC_ERR_AUTH_THROTTLED: { status: 429, message: 'Too many failed sign-in attempts; try again later' },
  SC_ERR_AUTH_PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'Set a new password before continuing' },
  SC_ERR_AUTH_WRONG_PASSWORD: { status: 403, message: 'The current password is wrong' },
  SC_ERR_AUTH_RESET_INVALID: { status: 422, message: 'This password reset link is invalid, already used or expired' },
  SC_ERR_PASSWORD_POLICY: { status: 422, message: 'The new password does not meet the password policy' },
  SC_ERR_FORBIDDEN: { status: 403, message: 'You are not allowed to do this' },
  SC_ERR_NOT_FOUND: { status: 404, message: 'Not found' },
  SC_ERR_CONVERSATION_NOT_FOUND: { status: 404, message: 'Conversation not found' },
  SC_ERR_MESSAGE_NOT_FOUND: { status: 404, message: 'Message not found' },
  SC_ERR_CUSTOMER_NOT_FOUND: { status: 404, message: 'Customer not found' },
  SC_ERR_MESSAGE_KIND_NOT_ALLOWED: { status: 403, message: 'This kind of message cannot be sent here' },
  SC_ERR_MESSAGE_ID_REUSED: { status: 409, message: 'This clientMessageId was already used for a different message' },
  SC_ERR_ATTACHMENT_TYPE: { status: 415, message: 'This type of file cannot be attached' },
  SC_ERR_ATTACHMENT_TOO_LARGE: { status: 413, message: 'The file is too large' },
  SC_ERR_ATTACHMENT_QUOTA: { status: 429, message: 'Upload quota reached; wait, or send the files already uploaded' },
  SC_ERR_CONFLICT: { status: 409, message: 'This conflicts with the current state' },
  SC_ERR_CONVERSATION_INVALID_TRANSITION: { status: 409, message: 'The conversation cannot change to that state' },
  SC_ERR_CONVERSATION_SNOOZE_IN_PAST: { status: 422, message: 'The snooze must end in the future' },
  SC_ERR_SEARCH_TIMEOUT: { status: 422, message: 'The search took longer than allowed; add words or filters to narrow it' },
  SC_ERR_CSAT_SURVEY_NOT_FOUND: { status: 404, message: 'Survey not found' },
  SC_ERR_CSAT_CLOSED: { status: 409, message: 'This survey can no longer be answered or changed' },
  SC_ERR_ASSIGNMENT_OUTSIDE_TEAM: { status: 409, message: "The agent is not a member of the conversation's team" },
  SC_ERR_ASSIGNMENT_OVER_CAPACITY: { status: 409, message: 'The agent has no free capacity' },
  SC_ERR_INTEGRATION_KEY_INVALID: { status: 401, message: 'The API key is missing, unknown, revoked or expired' },
  SC_ERR_WEBHOOK_SIGNATURE_INVALID: { status: 401, message: 'The webhook signature is missing or matches none of the signing secrets' },
  SC_ERR_WEBHOOK_TIMESTAMP_INVALID: { status: 401, message: 'The webhook timestamp is missing or more than 5 minutes from our clock' },
  SC_ERR_WEBHOOK_ID_REUSED: { status: 409, message: 'This webhook-id was already used for a different event' },
  SC_ERR_ACTION_FAILED: { status: 502, message: 'The back-office refused the action or answered something unexpected' },
  SC_ERR_ACTION_TIMEOUT: { status: 504, message: 'The back-office did not answer the action in time' },
  SC_ERR_RATE_LIMITED: { status: 429, message: 'Too many requests; slow down' },
  SC_ERR_UNAVAILABLE: { status: 503, message: 'Temporarily unavailable; retry with the same clientMessageId' },
  SC_ERR_STATISTICS_UNAVAILABLE: { status: 503, message: 'Statistics are not available: the statistics database is not configured or does not answer' },
  SC_ERR_INTERNAL: { status: 500, message: 'Internal error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** The one error shape of the REST API: {"error": {"code", "message", "details"}}. */
export interface ErrorResponse {
  error: ErrorBody;
}

/** An error with a catalogue code, thrown anywhere in a service and turned into ErrorResponse at the edge. */
export class SmartchatError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCatalogue[code].message);
    this.name = 'SmartchatError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}
