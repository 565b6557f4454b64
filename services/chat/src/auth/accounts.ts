// Agents' credentials in Postgres: who signs in with an e-mail, setting a password (under the
// policy of @smartchat/core), and one-time reset links. The routes that use them (auth-routes.ts,
// admin-routes.ts) decide who may; sessions end through SessionEnding.
import { createHash, randomBytes } from 'node:crypto';
import { SmartchatError } from '@smartchat/contracts';
import { passwordProblems } from '@smartchat/core';
import { inTransaction, type PgPool } from '@smartchat/platform';
import { hashPassword, verifyPassword } from './passwords.js';

export interface AgentCredentials {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string;
  mustChangePassword: boolean;
}

/** How long an admin's reset link works. */
export const RESET_LINK_HOURS = 24;

interface CredentialsRow {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  must_change_password: boolean;
}

const toCredentials = (row: CredentialsRow): AgentCredentials => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  mustChangePassword: row.must_change_password,
});

const tokenHash = (token: string) => createHash('sha256').update(token).digest();

/**
 * Refuses a new password that breaks the policy (SC_ERR_PASSWORD_POLICY, details per rule);
 * with `currentHash`, also the current password itself.
 */
export async function assertPasswordPolicy(password: string, account: { email: string; currentHash?: string }, path = 'newPassword'): Promise<void> {
  const problems = passwordProblems(password, account, path);
  if (account.currentHash && (await verifyPassword(account.currentHash, password))) {
    problems.push({ path, rule: 'same_as_current', message: 'must differ from the current password' });
  }
  if (problems.length > 0) throw new SmartchatError('SC_ERR_PASSWORD_POLICY', undefined, problems);
}

export class AgentAccounts {
  constructor(private readonly pg: PgPool) {}

  /** An enabled agent by e-mail (case-insensitive), or undefined. */
  async byEmail(email: string): Promise<AgentCredentials | undefined> {
    const { rows } = await this.pg.query<CredentialsRow>(
      'SELECT id, email, name, role, password_hash, must_change_password FROM agents WHERE email = $1 AND disabled_at IS NULL',
      [email],
    );
    return rows[0] && toCredentials(rows[0]);
  }

  async byId(agentId: string): Promise<AgentCredentials | undefined> {
    const { rows } = await this.pg.query<CredentialsRow>(
      'SELECT id, email, name, role, password_hash, must_change_password FROM agents WHERE id = $1 AND disabled_at IS NULL',
      [agentId],
    );
    return rows[0] && toCredentials(rows[0]);
  }

  /** Sets the password the agent chose: the forced change is over, earlier reset links stop working. */
  async setPassword(agentId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await inTransaction(this.pg, async (client) => {
      await client.query('UPDATE agents SET password_hash = $2, must_change_password = false, password_changed_at = now(), updated_at = now() WHERE id = $1', [agentId, passwordHash]);
      await client.query('UPDATE password_resets SET used_at = now() WHERE agent_id = $1 AND used_at IS NULL', [agentId]);
    });
  }

  /** A new one-time link for the agent; earlier ones stop working. Only its hash is stored. */
  async createResetLink(agentId: string, createdBy: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = await inTransaction(this.pg, async (client) => {
      await client.query('UPDATE password_resets SET used_at = now() WHERE agent_id = $1 AND used_at IS NULL', [agentId]);
      const { rows } = await client.query<{ expires_at: Date }>(
        `INSERT INTO password_resets (token_hash, agent_id, created_by, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at`,
        [tokenHash(token), agentId, createdBy, RESET_LINK_HOURS],
      );
      return rows[0]!.expires_at;
    });
    return { token, expiresAt };
  }

  /**
   * Sets a new password through a reset link: the link must be unused, current and the agent's
   * account enabled; the policy is checked before the link is spent. Returns the agent's id.
   */
  async resetPassword(token: string, password: string): Promise<string> {
    return inTransaction(this.pg, async (client) => {
      const { rows } = await client.query<{ agent_id: string; email: string; password_hash: string }>(
        `SELECT r.agent_id, a.email, a.password_hash FROM password_resets r JOIN agents a ON a.id = r.agent_id
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND a.disabled_at IS NULL
          FOR UPDATE OF r`,
        [tokenHash(token)],
      );
      const link = rows[0];
      if (!link) throw new SmartchatError('SC_ERR_AUTH_RESET_INVALID');
      await assertPasswordPolicy(password, { email: link.email, currentHash: link.password_hash });
      await client.query('UPDATE agents SET password_hash = $2, must_change_password = false, password_changed_at = now(), updated_at = now() WHERE id = $1', [link.agent_id, await hashPassword(password)]);
      await client.query('UPDATE password_resets SET used_at = now() WHERE agent_id = $1 AND used_at IS NULL', [link.agent_id]);
      return link.agent_id;
    });
  }
}
