// Macros (canned replies) in Postgres. Shared ones have no owner; personal ones belong to one agent.
// Who may change which is decided in http/macro-routes.ts; this file only reads and writes.
import { SmartchatError, type Macro } from '@smartchat/contracts';
import type { PgPool } from '@smartchat/platform';

interface MacroRow {
  id: string;
  name: string;
  body: string;
  shared: boolean;
  owner_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const toMacro = (row: MacroRow): Macro => ({
  id: row.id,
  name: row.name,
  body: row.body,
  shared: row.shared,
  ownerId: row.owner_id,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** A name taken among the shared macros, or among the owner's own, is a conflict. */
async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new SmartchatError('SC_ERR_CONFLICT', 'A macro with this name already exists', [{ path: 'name', message: 'already taken' }]);
    throw error;
  }
}

export class MacroStore {
  constructor(private readonly pg: PgPool) {}

  /** The shared macros and the agent's own, by name. */
  async list(agentId: string): Promise<Macro[]> {
    const { rows } = await this.pg.query<MacroRow>('SELECT * FROM macros WHERE shared OR owner_id = $1 ORDER BY lower(name), shared DESC, id', [agentId]);
    return rows.map(toMacro);
  }

  async get(id: string): Promise<Macro | undefined> {
    const { rows } = await this.pg.query<MacroRow>('SELECT * FROM macros WHERE id = $1', [id]);
    return rows[0] && toMacro(rows[0]);
  }

  async create(input: { name: string; body: string; shared: boolean; ownerId: string }): Promise<Macro> {
    const { rows } = await uniqueName(() =>
      this.pg.query<MacroRow>('INSERT INTO macros (name, body, shared, owner_id) VALUES ($1, $2, $3, $4) RETURNING *', [input.name, input.body, input.shared, input.shared ? null : input.ownerId]),
    );
    return toMacro(rows[0]!);
  }

  /** `ownerId`: whose it becomes if it turns personal. */
  async update(id: string, input: { name?: string; body?: string; shared?: boolean }, ownerId: string): Promise<Macro> {
    const { rows } = await uniqueName(() =>
      this.pg.query<MacroRow>(
        `UPDATE macros SET name = COALESCE($2, name), body = COALESCE($3, body), shared = COALESCE($4, shared),
            owner_id = CASE WHEN COALESCE($4, shared) THEN NULL WHEN shared THEN $5::uuid ELSE owner_id END, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [id, input.name ?? null, input.body ?? null, input.shared ?? null, ownerId],
      ),
    );
    return toMacro(rows[0]!);
  }

  async delete(id: string): Promise<void> {
    await this.pg.query('DELETE FROM macros WHERE id = $1', [id]);
  }
}
