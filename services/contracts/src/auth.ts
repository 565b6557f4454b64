import { z } from 'zod';
import { documented } from './input-values.js';

export const loginInput = z.strictObject({
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

/** GET /v1/auth/desk: what the sign-in page shows before anyone signs in: the product, and the company whose desk this is (SMARTCHAT_COMPANY_NAME; null when unset). */
export const deskIdentitySchema = z.object({ product: z.string(), company: z.string().nullable() });
export type DeskIdentity = z.infer<typeof deskIdentitySchema>;
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/**
 * A new password. The document gives the policy's lengths (12..256); the server refuses one against
 * the policy, those lengths included, with SC_ERR_PASSWORD_POLICY (422) naming every rule it breaks
 * (the console shows them), and only what no password could be (over 1024 characters) as malformed.
 */
export const newPasswordSchema = documented(z.string().min(1).max(1024), {
  replace: {
    type: 'string',
    minLength: 12,
    maxLength: 256,
    description: "The password policy (GET /v1/auth/password-policy): 12 to 256 characters, not the e-mail's name, not a well-known password, not one character repeated, not the current password",
  },
});
const newPassword = newPasswordSchema;

export const changePasswordInput = z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword });
export const changePasswordResult = z.object({ token: z.string(), expiresAt: z.string() });

export const passwordResetLinkResult = z.object({ resetUrl: z.string(), expiresAt: z.string() });
export const passwordResetInput = z.strictObject({ token: z.string().min(1).max(200), newPassword });

/** Who is asking: resolved from an agent session token or a back-office-signed customer token. */
export type Identity =
  | { type: 'agent'; agentId: string; sessionId: string; name: string; role: string }
  | { type: 'customer'; customerId: string; externalId: string; name: string | null };
