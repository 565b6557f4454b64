// Input validation shared by socket handlers and REST routes: one error shape for bad input.
import { SmartchatError, type Identity } from '@smartchat/contracts';
import type { Viewer } from '@smartchat/core';
import type { z } from 'zod';

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new SmartchatError(
      'SC_ERR_VALIDATION',
      undefined,
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

export function viewerOf(identity: Identity): Viewer {
  return identity.type === 'agent' ? { type: 'agent', agentId: identity.agentId } : { type: 'customer', customerId: identity.customerId };
}
