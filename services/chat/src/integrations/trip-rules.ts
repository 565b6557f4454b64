// What a trip event opens: the first rule, in order, for its event type (and, for trip.changed,
// for one of the fields it changes). Without a matching rule: an internal conversation with the
// event type as its topic, so that nothing the back-office says goes unseen by agents.
import { SmartchatError, type TripEventType, type TripRule } from '@smartchat/contracts';
import { inTransaction, type PgPool } from '@smartchat/platform';

export interface RuleChoice {
  notifyCustomer: boolean;
  topic: string;
  teamId: string | null;
  /** The rule's position, or null for the fallback. */
  position: number | null;
}

export function chooseRule(rules: readonly TripRule[], eventType: TripEventType, changedFields: readonly string[]): RuleChoice {
  const position = rules.findIndex((rule) => rule.eventType === eventType && (rule.change === undefined || changedFields.includes(rule.change)));
  const rule = rules[position];
  if (!rule) return { notifyCustomer: false, topic: eventType, teamId: null, position: null };
  return { notifyCustomer: rule.notifyCustomer, topic: rule.topic, teamId: rule.teamId ?? null, position };
}

export class TripRules {
  private cached: { at: number; rules: Promise<TripRule[]> } | undefined;

  constructor(
    private readonly pg: PgPool,
    /** How long the worker may apply rules it read before (a change made through another process shows within this). */
    private readonly cacheMs = 2000,
  ) {}

  async list(): Promise<TripRule[]> {
    const { rows } = await this.pg.query<{ rule: TripRule }>('SELECT rule FROM integration_rules ORDER BY position');
    return rows.map((row) => row.rule);
  }

  /** The rules as the worker applies them: read at most every cacheMs, at once after a change here. */
  current(): Promise<TripRule[]> {
    if (!this.cached || Date.now() - this.cached.at > this.cacheMs) {
      const rules = this.list();
      this.cached = { at: Date.now(), rules };
      rules.catch(() => (this.cached = undefined));
    }
    return this.cached.rules;
  }

  /** Replaces every rule; a team that does not exist is refused (422 unknown_team), and nothing changes. */
  async replace(rules: readonly TripRule[]): Promise<TripRule[]> {
    const teams = [...new Set(rules.flatMap((rule) => (rule.teamId ? [rule.teamId] : [])))];
    if (teams.length > 0) {
      const { rows } = await this.pg.query<{ id: string }>('SELECT id FROM teams WHERE id = ANY($1::uuid[])', [teams]);
      const known = new Set(rows.map((row) => row.id));
      const unknown = rules.findIndex((rule) => rule.teamId && !known.has(rule.teamId));
      if (unknown >= 0) throw new SmartchatError('SC_ERR_UNPROCESSABLE', 'No such team', [{ path: `rules.${unknown}.teamId`, rule: 'unknown_team', message: 'unknown team' }]);
    }
    await inTransaction(this.pg, async (client) => {
      await client.query('DELETE FROM integration_rules');
      for (const [position, rule] of rules.entries()) await client.query('INSERT INTO integration_rules (position, rule) VALUES ($1, $2)', [position, JSON.stringify(rule)]);
    });
    this.cached = undefined;
    return this.list();
  }
}
