// The back-office integration (issue 27): integrations with API keys and signing secrets, the
// inbound events the back-office sends (POST /v1/integrations/events, signed with the Standard
// Webhooks scheme), the rules that turn trip events into conversations, and the event log admins
// read. docs/integration.md walks through all of it for the back-office team.
import { z } from 'zod';
import { instant, lowerCaseUuid, nonBlankText, NOT_BLANK, timeZoneSchema, wholeNumber } from './input-values.js';

/**
 * What an API key may be used for. Each route an integration calls needs one of these; a key
 * without it gets 403 SC_ERR_FORBIDDEN with `details.missing`.
 */
export const INTEGRATION_SCOPES = [
  /** POST /v1/integrations/events: trip changes, documents, customer updates. */
  'events.send',
  /** POST /v1/backoffice/conversations/internal: open an internal conversation about a customer. */
  'conversations.internal',
  /** POST /v1/backoffice/signals: when a customer's trip departs. */
  'customers.signals',
] as const;
export const integrationScopeSchema = z.enum(INTEGRATION_SCOPES);
export type IntegrationScope = z.infer<typeof integrationScopeSchema>;

/** An API key as it travels: `sck_` + 16 characters of key id + `_` + 43 characters of secret. */
export const API_KEY_PATTERN = /^sck_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
/** A signing secret as it travels, as in the Standard Webhooks scheme: `whsec_` + base64 of 32 random bytes. */
export const SIGNING_SECRET_PATTERN = /^whsec_([A-Za-z0-9+/]{43}=)$/;

/** How far a signed request's `webhook-timestamp` may be from our clock, either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
/** How long a rotated key or signing secret keeps working by default, and at most. */
export const DEFAULT_ROTATION_OVERLAP_MINUTES = 24 * 60;
export const MAX_ROTATION_OVERLAP_MINUTES = 30 * 24 * 60;

export const apiKeySchema = z.object({
  id: z.string(),
  integrationId: z.uuid(),
  name: z.string(),
  /** The key's public part (`sck_<id>`), enough to tell keys apart in logs; the secret part is never shown again. */
  prefix: z.string(),
  scopes: z.array(integrationScopeSchema),
  createdAt: z.string(),
  /** When the key stops working (null: never). A rotated key gets the end of its overlap here. */
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** The key that replaced this one in a rotation. */
  replacedBy: z.string().nullable(),
  /** active, expired or revoked, now. */
  state: z.enum(['active', 'expired', 'revoked']),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const signingSecretSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  /** When it stops being accepted (null: until rotated). */
  expiresAt: z.string().nullable(),
  state: z.enum(['active', 'expired']),
});

export const integrationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  disabled: z.boolean(),
  keys: z.array(apiKeySchema),
  signingSecrets: z.array(signingSecretSchema),
});
export type Integration = z.infer<typeof integrationSchema>;

export const createIntegrationInput = z
  .strictObject({
    name: nonBlankText(100),
    description: nonBlankText(500).optional(),
  })
  .meta({ examples: [{ name: 'Back-office', description: 'Trips, bookings and documents' }] });
export const updateIntegrationInput = z.strictObject({
  name: nonBlankText(100).optional(),
  description: nonBlankText(500).nullable().optional(),
  /** A disabled integration's keys are refused (401) until it is enabled again. */
  disabled: z.boolean().optional(),
});

export const createApiKeyInput = z
  .strictObject({
  name: nonBlankText(100),
  // No maxItems: the generated types would make it a union of short tuples; a scope named twice counts once.
  scopes: z
    .array(integrationScopeSchema)
    .min(1)
    .transform((scopes) => [...new Set(scopes)]),
  /** When the key stops working; omitted: never (until revoked or rotated). Must be in the future. */
  expiresAt: instant().optional(),
  })
  .meta({ examples: [{ name: 'trip events', scopes: ['events.send'] }] });
export const rotateInput = z.strictObject({
  /** How long the old key (or signing secret) keeps working beside the new one. 0: it stops at once. */
  overlapMinutes: wholeNumber(0, MAX_ROTATION_OVERLAP_MINUTES).default(DEFAULT_ROTATION_OVERLAP_MINUTES),
});

/** The answer that carries a new key: the only time its secret is shown. */
export const createdApiKeySchema = z.object({ key: apiKeySchema, secret: z.string() });
/** The answer that carries a new signing secret: the only time it is shown. */
export const createdSigningSecretSchema = z.object({ signingSecret: signingSecretSchema, secret: z.string() });
export const createdIntegrationSchema = z.object({ integration: integrationSchema, signingSecret: z.string() });

// ---------------------------------------------------------------------------------------------
// Inbound events

/** A customer as the back-office knows them: its own id, as in the customers' tokens. */
const customerExternalId = z.string().min(1).max(200).regex(NOT_BLANK, 'must not be blank');
const tripId = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');
/** The trip's change counter in the back-office: every change of a trip has a higher one. */
const tripVersion = z.number().int().min(1).max(2 ** 31 - 1);
const shortText = (max: number) => z.string().min(1).max(max).regex(NOT_BLANK, 'must not be blank');

/** A customer's details sent with an event: creates the customer, or updates them, before the event is applied. */
export const eventCustomerSchema = z.strictObject({
  name: shortText(200).optional(),
  email: z.email().max(320).optional(),
  timeZone: timeZoneSchema.optional(),
  locale: z.enum(['ru', 'en']).optional(),
});

/** One change of a trip: its departure time, its flight or its hotel. */
export const tripChangeSchema = z.discriminatedUnion('field', [
  z.strictObject({
    field: z.literal('time'),
    /** Which part of the trip, e.g. "SU 1234 Moscow → Sochi". */
    segment: shortText(200).optional(),
    old: instant().nullable(),
    new: instant().nullable(),
  }),
  z.strictObject({ field: z.literal('flight'), segment: shortText(200).optional(), old: shortText(200).nullable(), new: shortText(200).nullable() }),
  z.strictObject({ field: z.literal('hotel'), segment: shortText(200).optional(), old: shortText(200).nullable(), new: shortText(200).nullable() }),
]);
export type TripChange = z.infer<typeof tripChangeSchema>;
export const tripChangeFields = ['time', 'flight', 'hotel'] as const;

const tripFields = {
  customerId: customerExternalId,
  tripId,
  version: tripVersion,
  /** How the trip is called in the back-office, e.g. "Moscow → Sochi, 12–14 Dec". */
  title: shortText(200).optional(),
  /** When the trip (now) departs: within 24 hours raises the conversation's priority. */
  departureAt: instant().optional(),
  customer: eventCustomerSchema.optional(),
};

export const tripChangedData = z.strictObject({ ...tripFields, changes: z.array(tripChangeSchema).min(1).max(20) });
export const tripCancelledData = z.strictObject({ ...tripFields, reason: shortText(1000).optional() });
export const bookingFailedData = z.strictObject({
  ...tripFields,
  service: z.enum(['flight', 'hotel', 'train', 'transfer', 'other']),
  reason: shortText(1000),
});

export const documentKinds = ['reconciliation_act', 'itinerary', 'invoice', 'voucher', 'other'] as const;
export const documentReadyData = z.strictObject({
  customerId: customerExternalId,
  /** The back-office's id of the document: the business key (the same document is posted once). */
  documentId: z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
  /** The trip it belongs to: posted into that trip's open conversation with the customer, if any. */
  tripId: tripId.optional(),
  kind: z.enum(documentKinds),
  title: shortText(200),
  file: z.strictObject({
    name: shortText(200),
    /** One of the attachment types (application/pdf, …). */
    contentType: z.string().min(1).max(200),
    /** The file, base64; at most SMARTCHAT_ATTACHMENT_MAX_BYTES once decoded. */
    contentBase64: z.string().min(1).regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, 'must be base64'),
  }),
  customer: eventCustomerSchema.optional(),
});

export const customerUpdatedData = z.strictObject({
  customerId: customerExternalId,
  /** The customer's change counter in the back-office: an older update than one applied is not applied. */
  version: tripVersion.optional(),
  ...eventCustomerSchema.shape,
});

export const INBOUND_EVENT_TYPES = ['trip.changed', 'trip.cancelled', 'booking.failed', 'document.ready', 'customer.updated'] as const;
export type InboundEventType = (typeof INBOUND_EVENT_TYPES)[number];
export const TRIP_EVENT_TYPES = ['trip.changed', 'trip.cancelled', 'booking.failed'] as const;
export type TripEventType = (typeof TRIP_EVENT_TYPES)[number];

const envelope = <T extends InboundEventType, D extends z.ZodType>(type: T, data: D) =>
  z.strictObject({
    type: z.literal(type),
    /** When it happened in the back-office. */
    timestamp: instant(),
    data,
  });

/** The body of POST /v1/integrations/events: `{type, timestamp, data}`, as in the Standard Webhooks payload convention. */
export const inboundEventSchema = z
  .discriminatedUnion('type', [
    envelope('trip.changed', tripChangedData),
    envelope('trip.cancelled', tripCancelledData),
    envelope('booking.failed', bookingFailedData),
    envelope('document.ready', documentReadyData),
    envelope('customer.updated', customerUpdatedData),
  ])
  .meta({
    examples: [
      {
        type: 'trip.changed',
        timestamp: '2026-12-07T09:00:00Z',
        data: {
          customerId: 'demo-customer-1',
          tripId: 'T-1001',
          version: 2,
          title: 'Москва → Сочи',
          departureAt: '2026-12-08T07:00:00Z',
          changes: [{ field: 'time', segment: 'SU 1234', old: '2026-12-08T05:00:00Z', new: '2026-12-08T07:00:00Z' }],
        },
      },
      { type: 'customer.updated', timestamp: '2026-12-07T09:00:00Z', data: { customerId: 'demo-customer-1', version: 5, name: 'Иван Петров', timeZone: 'Asia/Yekaterinburg', locale: 'ru' } },
    ],
  });
export type InboundEvent = z.infer<typeof inboundEventSchema>;

/** Where an inbound event is: queued, being processed, done, superseded by a newer version of its trip, or failed. */
export const inboundEventStatuses = ['queued', 'processing', 'done', 'superseded', 'failed'] as const;
export const inboundEventStatusSchema = z.enum(inboundEventStatuses);

/** The answer to POST /v1/integrations/events: 202 when queued, 200 for a duplicate (the first one's state). */
export const inboundEventReceiptSchema = z.object({
  /** Our id of the event (the first one's, for a duplicate). */
  eventId: z.uuid(),
  status: inboundEventStatusSchema,
  /** True when this webhook-id, or this business key, was received before: nothing new is done. */
  duplicate: z.boolean(),
});
export type InboundEventReceipt = z.infer<typeof inboundEventReceiptSchema>;

export const inboundEventRecordSchema = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  webhookId: z.string(),
  type: z.enum(INBOUND_EVENT_TYPES),
  /** trip:<tripId>:v<version>, document:<documentId> or customer:<customerId>:v<version>; null for an unversioned customer update. */
  businessKey: z.string().nullable(),
  status: inboundEventStatusSchema,
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
  attempts: z.number().int(),
  /** What it did: the conversation it opened or added to, the message it posted. */
  conversationId: z.uuid().nullable(),
  messageId: z.string().nullable(),
  opened: z.boolean(),
  /** Why it failed or was superseded. */
  error: z.string().nullable(),
});
export type InboundEventRecord = z.infer<typeof inboundEventRecordSchema>;
export const inboundEventsQuery = z.strictObject({
  status: inboundEventStatusSchema.optional(),
  /** Only events received before this one (the next page: the last id of the page before). */
  before: lowerCaseUuid().optional(),
  limit: wholeNumber(1, 200).default(50),
});

// ---------------------------------------------------------------------------------------------
// Rules: what a trip event opens

export const tripRuleSchema = z.strictObject({
  /** The kind of event the rule is for. */
  eventType: z.enum(TRIP_EVENT_TYPES),
  /** trip.changed only: the rule applies when the event changes this (omitted: any change). */
  change: z.enum(tripChangeFields).optional(),
  /** true: a conversation with the customer, seen in the widget; false: an internal conversation for agents only. */
  notifyCustomer: z.boolean(),
  /** The conversation's topic (routes it to the team whose topics include it, unless teamId is set). */
  topic: nonBlankText(200),
  /** The team it goes to; omitted: by topic, else the default team. */
  teamId: lowerCaseUuid().optional(),
});
export type TripRule = z.infer<typeof tripRuleSchema>;
/** The body of PUT /v1/integrations/rules: every rule, in order. */
export const tripRulesInput = z.strictObject({ rules: z.array(tripRuleSchema).max(100) }).meta({
  examples: [
    {
      rules: [
        { eventType: 'trip.changed', change: 'time', notifyCustomer: true, topic: 'Изменение поездки' },
        { eventType: 'booking.failed', notifyCustomer: false, topic: 'Ошибка бронирования' },
      ],
    },
  ],
});
/** The rules as answered. */
export const tripRulesSchema = z.object({
  rules: z.array(
    z.object({
      eventType: z.enum(TRIP_EVENT_TYPES),
      change: z.enum(tripChangeFields).optional(),
      notifyCustomer: z.boolean(),
      topic: z.string(),
      teamId: z.uuid().optional(),
    }),
  ),
});
export type TripRules = z.infer<typeof tripRulesSchema>;

// ---------------------------------------------------------------------------------------------
// Outbound webhooks

/** The domain events an endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = ['conversation.created', 'conversation.assigned', 'conversation.closed', 'message.created', 'csat.submitted'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000);

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  /** Whether notes, system messages and internal conversations are sent to it too (never otherwise). */
  includeInternal: z.boolean(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Deliveries waiting to be sent (or retried) now, and dead ones. */
  pending: z.number().int(),
  failed: z.number().int(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const createWebhookEndpointInput = z
  .strictObject({
  url: webhookUrl,
  description: nonBlankText(500).optional(),
  // No maxItems (see createApiKeyInput): a type named twice counts once.
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .transform((types) => [...new Set(types)]),
  includeInternal: z.boolean().default(false),
  enabled: z.boolean().default(true),
  })
  .meta({ examples: [{ url: 'https://backoffice.example.com/smartchat/webhooks', eventTypes: ['conversation.created', 'message.created', 'conversation.closed'] }] });
export const updateWebhookEndpointInput = z.strictObject({
  url: webhookUrl.optional(),
  description: nonBlankText(500).nullable().optional(),
  eventTypes: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .min(1)
    .transform((types) => [...new Set(types)])
    .optional(),
  includeInternal: z.boolean().optional(),
  enabled: z.boolean().optional(),
});
/** The answer that carries an endpoint's signing secret: the only time it is shown. */
export const createdWebhookEndpointSchema = z.object({ endpoint: webhookEndpointSchema, secret: z.string() });
export const rotatedWebhookSecretSchema = z.object({ secret: z.string(), previousExpiresAt: z.string().nullable() });

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  /** The webhook-id it is sent under (msg_ and 32 hex digits, from the domain event's id; the same on every attempt). */
  webhookId: z.string(),
  eventType: z.string(),
  conversationId: z.uuid().nullable(),
  /** pending (waiting or retrying), delivered, or failed: dead after the last attempt, until redelivered. */
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookAttemptSchema = z.object({
  attemptedAt: z.string(),
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string(),
  /** The HTTP status answered; null when none came (refused, timed out). */
  responseStatus: z.number().int().nullable(),
  /** The first 4 KiB of the answer. */
  responseBody: z.string().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;
export const webhookDeliveryDetailSchema = z.object({ delivery: webhookDeliverySchema, attempts: z.array(webhookAttemptSchema) });
export const webhookDeliveriesQuery = z.strictObject({
  status: z.enum(webhookDeliveryStatuses).optional(),
  /** Only deliveries queued before this one (the next page: the last id of the page before). */
  before: lowerCaseUuid().optional(),
  limit: wholeNumber(1, 200).default(50),
});
/** The answer of a test send: the attempt, made while the caller waits. */
export const webhookTestResultSchema = z.object({ delivered: z.boolean(), attempt: webhookAttemptSchema });

// ---------------------------------------------------------------------------------------------
// Agent actions: buttons in the conversation's context pane that call the back-office

/**
 * What a template may name, filled from the conversation: {conversation.id}, {conversation.topic},
 * {customer.id} (the back-office's id), {customer.name}, {customer.email}, {trip.id} (the trip
 * whose event opened or last wrote to the conversation), {agent.id}, {agent.name}, {agent.email}.
 */
export const ACTION_TEMPLATE_NAMES = ['conversation.id', 'conversation.topic', 'customer.id', 'customer.name', 'customer.email', 'trip.id', 'agent.id', 'agent.name', 'agent.email'] as const;

/** The permissions an action may require. */
export const ACTION_PERMISSIONS = ['conversations.reply', 'conversations.note', 'conversations.assign', 'conversations.transfer', 'conversations.close', 'conversations.internal'] as const;
const actionKey = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'lower-case letters, digits, _ and -, at most 50');
/** Text, or a {name} of ACTION_TEMPLATE_NAMES; no other braces, no NUL (a pattern, so the OpenAPI document says it too). */
const TEMPLATE_PART = `(?:[^{}\\u0000]|\\{(?:${ACTION_TEMPLATE_NAMES.map((name) => name.replace('.', '\\.')).join('|')})\\})`;
const templateMessage = `may name only ${ACTION_TEMPLATE_NAMES.map((name) => `{${name}}`).join(', ')}, and no other { }`;
const templateText = (max: number) => z.string().max(max).regex(new RegExp(`^${TEMPLATE_PART}*$`), templateMessage);
/** An http(s) URL template. */
const urlTemplate = z.string().max(2000).regex(new RegExp(`^https?://${TEMPLATE_PART}+$`), `must start with http:// or https://; ${templateMessage}`);

export const actionFieldSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/, 'a letter, then letters, digits and _, at most 50'),
  label: nonBlankText(100),
  type: z.enum(['text', 'textarea', 'date']),
  required: z.boolean().default(false),
  /** Prefilled from the conversation (a template). */
  default: templateText(1000).optional(),
});

export const agentActionSchema = z.strictObject({
  key: actionKey,
  label: nonBlankText(100),
  /** link: opens the URL (a template) in a new tab, no call. request: calls the back-office with the conversation's data and the fields. */
  kind: z.enum(['link', 'request']),
  method: z.enum(['POST', 'PUT']).default('POST'),
  /** http(s); a template (values are URL-encoded where they are put). */
  url: urlTemplate,
  fields: z.array(actionFieldSchema).max(10).default([]),
  /** Who may run it: agents holding this permission (and seeing the conversation). */
  permission: z.enum(ACTION_PERMISSIONS).default('conversations.note'),
  /** request only: where the back-office's answer goes: a system message for agents, or a notice the customer sees too. */
  result: z.enum(['system', 'notice']).default('system'),
  /** request only: how long the back-office may take. */
  timeoutMs: z.number().int().min(500).max(30_000).default(10_000),
});
export type AgentAction = z.infer<typeof agentActionSchema>;
export const agentActionsInput = z.strictObject({ actions: z.array(agentActionSchema).max(20) }).meta({
  examples: [
    {
      actions: [
        { key: 'open-trip', label: 'Открыть поездку', kind: 'link', url: 'https://backoffice.example.com/trips/{trip.id}' },
        {
          key: 'request-act',
          label: 'Запросить акт сверки',
          kind: 'request',
          url: 'https://backoffice.example.com/api/reconciliation-acts',
          fields: [{ name: 'period', label: 'Период', type: 'text', required: true }],
        },
      ],
    },
  ],
});
export const agentActionsSchema = z.object({
  actions: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      kind: z.enum(['link', 'request']),
      method: z.enum(['POST', 'PUT']),
      url: z.string(),
      fields: z.array(z.object({ name: z.string(), label: z.string(), type: z.enum(['text', 'textarea', 'date']), required: z.boolean(), default: z.string().optional() })),
      permission: z.enum(ACTION_PERMISSIONS),
      result: z.enum(['system', 'notice']),
      timeoutMs: z.number().int(),
    }),
  ),
});

/** An action as an agent sees it on a conversation: templates filled in. */
export const conversationActionSchema = z.object({
  integrationId: z.uuid(),
  key: z.string(),
  label: z.string(),
  kind: z.enum(['link', 'request']),
  /** link: where it goes (filled in); request: null (the URL is not the agent's business). */
  url: z.string().nullable(),
  fields: z.array(z.object({ name: z.string(), label: z.string(), type: z.enum(['text', 'textarea', 'date']), required: z.boolean(), value: z.string() })),
});
export type AvailableAction = z.infer<typeof conversationActionSchema>;
export const runActionInput = z
  .strictObject({
  integrationId: lowerCaseUuid(),
  /** The fields' values by name (a missing one takes its prefilled value). */
  fields: z.record(z.string(), z.string().max(5000)).default({}),
  })
  .meta({ examples: [{ integrationId: '6f1c2b9e-3a41-4c55-9d2e-0b8f4a7c1d23', fields: { period: 'ноябрь 2026' } }] });
/** What the back-office answered, and what was posted into the conversation. */
export const actionResultSchema = z.object({
  /** The back-office's words ("Акт сверки запрошен, будет готов завтра"), posted as the result message. */
  message: z.string().nullable(),
  /** A link the back-office gave (the change request it made), shown to the agent. */
  url: z.string().nullable(),
  messageId: z.string().nullable(),
});
