/** The demo support address of `make dev` (seed.ts creates it; `make demo-mail` writes to it). */
export const DEMO_MAILBOX = 'support@travel.example';
