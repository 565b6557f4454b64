// Integrations and their credentials. An API key is shown once, when it is made, and kept only as
// the SHA-256 of its secret; it carries a list of scopes, may expire, may be revoked, and a rotation
// makes its successor (same name and scopes) while the old one keeps working for an overlap. The
// signing secrets inbound events are checked with are sealed with the keyring (an HMAC needs the
// secret itself); a rotation adds one and lets the others expire after the overlap.
import {
  API_KEY_PATTERN,
  SmartchatError,
  type ApiKey,
  type Integration,
  type IntegrationScope,
} from '@smartchat/contracts';
import { inTransaction, newSigningSecret, openSecret, sealSecret, type PgPool, type SecretKeyring } from '@smartchat/platform';
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { PoolClient } from 'pg';

/** Who is calling, once a key is accepted. */
export interface IntegrationCaller {
  integrationId: string;
  integrationName: string;
  keyId: string;
  scopes: ReadonlySet<IntegrationScope>;
}

interface KeyRow {
  id: string;
  integration_id: string;
  name: string;
  scopes: IntegrationScope[];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  replaced_by: string | null;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** How stale last_used_at may get: written at most once a minute per key, not on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const signingContext = (integrationId: string, secretId: string) => `integration:${integrationId}:signing-secret:${secretId}`;
const refuse = (rule: string, message: string) => new SmartchatError('SC_ERR_UNPROCESSABLE', message, { rule });

function newKey(): { id: string; secret: string; token: string } {
  let id = '';
  for (let i = 0; i < 16; i += 1) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `sck_${id}_${secret}` };
}

function toKey(row: KeyRow, now = Date.now()): ApiKey {
  return {
    id: row.id,
    integrationId: row.integration_id,
    name: row.name,
    prefix: `sck_${row.id}`,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    replacedBy: row.replaced_by,
    state: row.revoked_at ? 'revoked' : row.expires_at && row.expires_at.getTime() <= now ? 'expired' : 'active',
  };
}

export class IntegrationStore {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly pg: PgPool,
    private readonly keyring: SecretKeyring | undefined,
  ) {}

  async list(): Promise<Integration[]> {
    const { rows } = await this.pg.query<{ id: string }>('SELECT id FROM integrations ORDER BY name');
    return Promise.all(rows.map(async (row) => (await this.get(row.id))!));
  }

  async get(id: string): Promise<Integration | null> {
    const { rows } = await this.pg.query<{ id: string; name: string; description: string | null; created_at: Date; disabled_at: Date | null }>(
      'SELECT id, name::text, description, created_at, disabled_at FROM integrations WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const [keys, secrets] = await Promise.all([
      this.pg.query<KeyRow>('SELECT * FROM integration_keys WHERE integration_id = $1 ORDER BY created_at DESC, id', [id]),
      this.pg.query<{ id: string; created_at: Date; expires_at: Date | null }>('SELECT id, created_at, expires_at FROM integration_signing_secrets WHERE integration_id = $1 ORDER BY created_at DESC, id', [id]),
    ]);
    const now = Date.now();
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      createdAt: row.created_at.toISOString(),
      disabled: row.disabled_at !== null,
      keys: keys.rows.map((key) => toKey(key, now)),
      signingSecrets: secrets.rows.map((secret) => ({
        id: secret.id,
        createdAt: secret.created_at.toISOString(),
        expiresAt: secret.expires_at?.toISOString() ?? null,
        state: secret.expires_at && secret.expires_at.getTime() <= now ? ('expired' as const) : ('active' as const),
      })),
    };
  }

  /** A new integration with its first signing secret (returned: the only time it is shown). */
  async create(input: { name: string; description?: string | undefined }, createdBy: string): Promise<{ integration: Integration; signingSecret: string }> {
    this.requireKeyring();
    const { id, secret } = await inTransaction(this.pg, async (client) => {
      let id: string;
      try {
        ({ id } = (await client.query<{ id: string }>('INSERT INTO integrations (name, description, created_by) VALUES ($1, $2, $3) RETURNING id', [input.name, input.description ?? null, createdBy])).rows[0]!);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new SmartchatError('SC_ERR_CONFLICT', 'An integration of this name exists', { rule: 'name_taken' });
        throw error;
      }
      return { id, secret: await this.addSigningSecret(client, id) };
    });
    return { integration: (await this.get(id))!, signingSecret: secret };
  }

  async update(id: string, input: { name?: string | undefined; description?: string | null | undefined; disabled?: boolean | undefined }): Promise<Integration | null> {
    try {
      const { rowCount } = await this.pg.query(
        `UPDATE integrations SET name = COALESCE($2, name), description = CASE WHEN $3 THEN $4 ELSE description END,
                disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN COALESCE(disabled_at, now()) ELSE NULL END
          WHERE id = $1`,
        [id, input.name ?? null, input.description !== undefined, input.description ?? null, input.disabled ?? null],
      );
      if (rowCount === 0) return null;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new SmartchatError('SC_ERR_CONFLICT', 'An integration of this name exists', { rule: 'name_taken' });
      throw error;
    }
    return this.get(id);
  }

  async createKey(integrationId: string, input: { name: string; scopes: IntegrationScope[]; expiresAt?: string | undefined }, createdBy: string): Promise<{ key: ApiKey; secret: string } | null> {
    if (input.expiresAt && new Date(input.expiresAt).getTime() <= Date.now()) throw refuse('expiry_in_past', 'expiresAt must be in the future');
    return inTransaction(this.pg, async (client) => {
      if (!(await this.lockIntegration(client, integrationId))) return null;
      return this.insertKey(client, integrationId, input.name, input.scopes, input.expiresAt ? new Date(input.expiresAt) : null, createdBy);
    });
  }

  /**
   * The key's successor, with its name and scopes; the old key keeps working for `overlapMinutes`
   * (never longer than it would have), then stops. Null when there is no such key; refused when it
   * no longer works (a revoked or expired key is not rotated: make a new one).
   */
  async rotateKey(integrationId: string, keyId: string, overlapMinutes: number, createdBy: string): Promise<{ key: ApiKey; secret: string } | null> {
    return inTransaction(this.pg, async (client) => {
      if (!(await this.lockIntegration(client, integrationId))) return null;
      const { rows } = await client.query<KeyRow>('SELECT * FROM integration_keys WHERE id = $1 AND integration_id = $2 FOR UPDATE', [keyId, integrationId]);
      const old = rows[0];
      if (!old) return null;
      if (toKey(old).state !== 'active') throw refuse('key_not_active', 'Only an active key can be rotated; create a new key instead');
      if (old.replaced_by) throw refuse('key_already_rotated', `This key was already rotated (its successor is ${old.replaced_by})`);
      const created = await this.insertKey(client, integrationId, old.name, old.scopes, old.expires_at, createdBy);
      await client.query(
        `UPDATE integration_keys SET replaced_by = $2, expires_at = LEAST(COALESCE(expires_at, 'infinity'), now() + make_interval(mins => $3)) WHERE id = $1`,
        [keyId, created.key.id, overlapMinutes],
      );
      return created;
    });
  }

  async revokeKey(integrationId: string, keyId: string): Promise<boolean> {
    const { rowCount } = await this.pg.query('UPDATE integration_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND integration_id = $2', [keyId, integrationId]);
    return (rowCount ?? 0) > 0;
  }

  /** A new signing secret; the ones still valid expire after `overlapMinutes`. Null when there is no such integration. */
  async rotateSigningSecret(integrationId: string, overlapMinutes: number): Promise<{ id: string; secret: string } | null> {
    this.requireKeyring();
    return inTransaction(this.pg, async (client) => {
      if (!(await this.lockIntegration(client, integrationId))) return null;
      await client.query(
        `UPDATE integration_signing_secrets SET expires_at = LEAST(COALESCE(expires_at, 'infinity'), now() + make_interval(mins => $2))
          WHERE integration_id = $1 AND (expires_at IS NULL OR expires_at > now())`,
        [integrationId, overlapMinutes],
      );
      const secret = await this.addSigningSecret(client, integrationId);
      const { rows } = await client.query<{ id: string }>('SELECT id FROM integration_signing_secrets WHERE integration_id = $1 ORDER BY created_at DESC LIMIT 1', [integrationId]);
      return { id: rows[0]!.id, secret };
    });
  }

  /** The signing secrets valid now, newest first. */
  async signingSecrets(integrationId: string): Promise<string[]> {
    const { rows } = await this.pg.query<{ id: string; secret_sealed: string }>(
      `SELECT id, secret_sealed FROM integration_signing_secrets WHERE integration_id = $1 AND (expires_at IS NULL OR expires_at > now()) ORDER BY created_at DESC`,
      [integrationId],
    );
    const keyring = this.requireKeyring();
    return rows.map((row) => openSecret(row.secret_sealed, keyring, signingContext(integrationId, row.id)));
  }

  /**
   * The caller an API key names, if it is well-formed, known, matches, has not expired or been
   * revoked, and its integration is enabled; SC_ERR_INTEGRATION_KEY_INVALID otherwise (the same
   * answer for each, so a caller learns nothing about which keys exist).
   */
  async authenticate(token: string | undefined): Promise<IntegrationCaller> {
    const invalid = new SmartchatError('SC_ERR_INTEGRATION_KEY_INVALID');
    const match = token ? API_KEY_PATTERN.exec(token) : null;
    if (!match) throw invalid;
    const [, id, secret] = match as unknown as [string, string, string];
    const { rows } = await this.pg.query<{ integration_id: string; name: string; secret_sha256: Buffer; scopes: IntegrationScope[]; usable: boolean }>(
      `SELECT k.integration_id, i.name::text AS name, k.secret_sha256, k.scopes,
              (k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND i.disabled_at IS NULL) AS usable
         FROM integration_keys k JOIN integrations i ON i.id = k.integration_id WHERE k.id = $1`,
      [id],
    );
    const row = rows[0];
    // Compared even for an unknown id, against a digest of nothing: no timing difference to learn from.
    const expected = row?.secret_sha256 ?? sha256('');
    const matches = timingSafeEqual(sha256(secret), expected) && row !== undefined;
    if (!matches || !row.usable) throw invalid;
    const now = Date.now();
    if ((this.lastUsedWritten.get(id) ?? 0) < now - LAST_USED_RESOLUTION_MS) {
      this.lastUsedWritten.set(id, now);
      await this.pg.query('UPDATE integration_keys SET last_used_at = now() WHERE id = $1', [id]);
    }
    return { integrationId: row.integration_id, integrationName: row.name, keyId: id, scopes: new Set(row.scopes) };
  }

  private async insertKey(client: PoolClient, integrationId: string, name: string, scopes: IntegrationScope[], expiresAt: Date | null, createdBy: string): Promise<{ key: ApiKey; secret: string }> {
    const { id, secret, token } = newKey();
    const { rows } = await client.query<KeyRow>(
      'INSERT INTO integration_keys (id, integration_id, name, secret_sha256, scopes, expires_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
      [id, integrationId, name, sha256(secret), scopes, expiresAt, createdBy],
    );
    return { key: toKey(rows[0]!), secret: token };
  }

  private async addSigningSecret(client: PoolClient, integrationId: string): Promise<string> {
    const keyring = this.requireKeyring();
    const secret = newSigningSecret();
    const { rows } = await client.query<{ id: string }>('SELECT gen_random_uuid() AS id');
    const id = rows[0]!.id;
    await client.query('INSERT INTO integration_signing_secrets (id, integration_id, secret_sealed) VALUES ($1, $2, $3)', [id, integrationId, sealSecret(secret, keyring, signingContext(integrationId, id))]);
    return secret;
  }

  private async lockIntegration(client: PoolClient, integrationId: string): Promise<boolean> {
    const { rows } = await client.query('SELECT 1 FROM integrations WHERE id = $1 FOR UPDATE', [integrationId]);
    return rows.length > 0;
  }

  private requireKeyring(): SecretKeyring {
    if (!this.keyring) throw refuse('secret_keys_missing', 'Signing secrets cannot be kept: SMARTCHAT_SECRET_KEYS is not set');
    return this.keyring;
  }
}
