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
  /** The agent must set a new password (POST /v1/auth/password) before anything else answers. */
  mustChangePassword: z.boolean(),
});
export type LoginResult = z.infer<typeof loginResult>;

/** The password policy's numbers (the other rules are described in docs/errors.md, SC_ERR_PASSWORD_POLICY). */
export const passwordPolicySchema = z.object({ minLength: z.number().int(), maxLength: z.number().int() });
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** Long enough for any policy answer; the policy itself is checked by the server with a clear error. */
const newPassword = z.string().min(1).max(1024);

export const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(1024), newPassword });
export const changePasswordResult = z.object({ token: z.string(), expiresAt: z.string() });

export const passwordResetLinkResult = z.object({ resetUrl: z.string(), expiresAt: z.string() });
export const passwordResetInput = z.object({ token: z.string().min(1).max(200), newPassword });

/** Who is asking: resolved from an agent session token or a back-office-signed customer token. */
export type Identity =
  | { type: 'agent'; agentId: string; sessionId: string; name: string; role: string }
  | { type: 'customer'; customerId: string; externalId: string; name: string | null };
