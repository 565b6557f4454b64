// A customer's context (profile, other conversations, back-office data), asked for once per
// customer and shared by the context pane and the composer's macro variables; kept 30 s, as chat
// keeps the back-office's answer.
import type { CustomerContext } from '@smartchat/contracts';
import { api } from './session.js';

const TTL_MS = 30_000;
const cache = new Map<string, { at: number; context: Promise<CustomerContext | null> }>();

export function customerContext(customerId: string): Promise<CustomerContext | null> {
  const cached = cache.get(customerId);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.context;
  const context = api.get('/v1/customers/{id}', { params: { path: { id: customerId } } }).catch(() => null);
  cache.set(customerId, { at: Date.now(), context });
  return context;
}
