import { z } from 'zod';

export const loginInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof loginInput>;

export const loginResult = z.object({
  token: z.string(),
  expiresAt: z.string(),
  agent: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.string() }),
});
export type LoginResult = z.infer<typeof loginResult>;

/** Who is asking: resolved from an agent session token or a back-office-signed customer token. */
export type Identity =
  | { type: 'agent'; agentId: string; sessionId: string; name: string; role: string }
  | { type: 'customer'; customerId: string; externalId: string; name: string | null };
