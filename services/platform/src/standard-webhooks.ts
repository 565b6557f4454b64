// The Standard Webhooks signature scheme, as the back-office's client has it (one implementation:
// services/client/src/signing.ts), for inbound events, outbound webhooks and agent actions.
export { newSigningSecret, SIGNING_SECRET_PREFIX, signWebhook, verifyWebhook, webhookHeaders, type WebhookVerdict } from '@smartchat/client/signing';
