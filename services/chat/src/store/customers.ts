// Customers are created the first time their back-office token is seen.
import type { PgPool } from '@smartchat/platform';

export interface CustomerProfile {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  createdAt: string;
}

export class CustomerStore {
  // externalId -> customer id; ids never change, so a bounded cache saves a query per request.
  private readonly cache = new Map<string, string>();

  constructor(private readonly pg: PgPool, private readonly cacheSize = 50_000) {}

  async resolve(externalId: string, profile: { name: string | null; email: string | null }): Promise<string> {
    const cached = this.cache.get(externalId);
    if (cached) return cached;
    const { rows } = await this.pg.query<{ id: string }>(
      `INSERT INTO customers (external_id, name, email) VALUES ($1, $2, $3)
       ON CONFLICT (external_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, customers.name), email = COALESCE(EXCLUDED.email, customers.email), updated_at = now()
       RETURNING id`,
      [externalId, profile.name, profile.email],
    );
    const id = rows[0]!.id;
    if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(externalId, id);
    return id;
  }

  async profile(id: string): Promise<CustomerProfile | undefined> {
    const { rows } = await this.pg.query<{ id: string; external_id: string; name: string | null; email: string | null; created_at: Date }>(
      'SELECT id, external_id, name, email::text AS email, created_at FROM customers WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row && { id: row.id, externalId: row.external_id, name: row.name, email: row.email, createdAt: row.created_at.toISOString() };
  }
}
