// The audit log (audit.view): who did what, when, from where, with what outcome; filtered by
// action, actor, target, outcome and a range of days in the agent's time zone; older entries page
// in with "load more".
import type { Agent, AuditEntry, Team } from '@smartchat/contracts';
import { A } from '@solidjs/router';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createMemo, createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { api, me } from '../../state/session.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { messageTarget, readableParty } from './audit-names.js';
import { fetchAuditPage, fetchOlderAuditPage, type AuditFilters } from './audit-page.js';
import { conversationLink } from '../../inbox/links.js';

/** What the services record, offered as suggestions; the filter takes any exact action name. */
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'agent.create',
  'agent.update',
  'team.create',
  'team.update',
  'team.delete',
  'team.members',
  'team.assignment',
  'role.create',
  'role.update',
  'role.delete',
  'role.list',
  'macro.create',
  'macro.update',
  'macro.delete',
  'message.delete',
  'message.restore',
  'audit.list',
  'conversation.create_internal',
  'customer.signals',
];
const OUTCOMES = ['ok', 'denied', 'failed'] as const;

export function AuditSection() {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal<AuditFilters>({});
  const [applied, setApplied] = createSignal<AuditFilters>({});
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [more, setMore] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [agents, setAgents] = createSignal<Agent[]>([]);
  const [teams, setTeams] = createSignal<Team[]>([]);
  const loading = createTask();

  const load = (older: boolean) =>
    loading.run(async () => {
      const page = older ? await fetchOlderAuditPage(applied(), me()?.timeZone, entries()) : await fetchAuditPage(applied(), me()?.timeZone);
      setEntries(page.entries);
      setMore(page.more);
      setLoaded(true);
    });
  onMount(() => {
    void load(false);
    // Names for actors and targets; without them the raw ids still read.
    void api.get('/v1/agents').then((result) => setAgents(result.agents), () => undefined);
    void api.get('/v1/teams').then((result) => setTeams(result.teams), () => undefined);
  });

  const sortedAgents = createMemo(() => [...agents()].sort((a, b) => a.name.localeCompare(b.name)));
  const set = (patch: Partial<AuditFilters>) => setDraft({ ...draft(), ...patch });
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    setApplied({ ...draft() });
    void load(false);
  };
  const reset = () => {
    setDraft({});
    setApplied({});
    void load(false);
  };
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  const party = (value: string | null) => readableParty(value, agents(), teams());

  return (
    <section data-testid="admin-audit" aria-labelledby="admin-audit-title">
      <div class="admin-head">
        <h2 id="admin-audit-title">{t('section.audit')}</h2>
      </div>
      <form class="admin-filters panel" role="search" aria-label={t('audit.filters')} onSubmit={apply} noValidate>
        <div class="field">
          <label for={`${id}-action`}>{t('audit.action')}</label>
          <input id={`${id}-action`} class="input" list={`${id}-actions`} maxLength={64} value={draft().action ?? ''} onInput={(event) => set({ action: event.currentTarget.value })} />
          <datalist id={`${id}-actions`}>
            <For each={KNOWN_ACTIONS}>{(action) => <option value={action} />}</For>
          </datalist>
        </div>
        <div class="field">
          <label for={`${id}-actor`}>{t('audit.actor')}</label>
          <select id={`${id}-actor`} class="input" onChange={(event) => set({ actor: event.currentTarget.value || undefined })}>
            <option value="" selected={!draft().actor}>
              {t('audit.anyone')}
            </option>
            <For each={sortedAgents()}>
              {(agent) => (
                <option value={`agent:${agent.id}`} selected={draft().actor === `agent:${agent.id}`}>
                  {agent.name}
                </option>
              )}
            </For>
            <option value="anonymous" selected={draft().actor === 'anonymous'}>
              {t('audit.anonymous')}
            </option>
          </select>
        </div>
        <div class="field">
          <label for={`${id}-target`}>{t('audit.target')}</label>
          <input id={`${id}-target`} class="input" maxLength={200} placeholder="agent:…, team:…, role:…" aria-describedby={`${id}-target-hint`} value={draft().target ?? ''} onInput={(event) => set({ target: event.currentTarget.value })} />
          <span id={`${id}-target-hint`} class="admin-hint">
            {t('audit.targetHint')}
          </span>
        </div>
        <div class="field">
          <label for={`${id}-outcome`}>{t('audit.outcome')}</label>
          <select id={`${id}-outcome`} class="input" onChange={(event) => set({ outcome: (event.currentTarget.value || undefined) as AuditFilters['outcome'] })}>
            <option value="" selected={!draft().outcome}>
              {t('audit.anyOutcome')}
            </option>
            <For each={OUTCOMES}>
              {(outcome) => (
                <option value={outcome} selected={draft().outcome === outcome}>
                  {t(`outcome.${outcome}`)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={`${id}-from`}>{t('audit.from')}</label>
          <input id={`${id}-from`} class="input" type="date" value={draft().fromDay ?? ''} onInput={(event) => set({ fromDay: event.currentTarget.value || undefined })} />
        </div>
        <div class="field">
          <label for={`${id}-to`}>{t('audit.to')}</label>
          <input id={`${id}-to`} class="input" type="date" value={draft().toDay ?? ''} onInput={(event) => set({ toDay: event.currentTarget.value || undefined })} />
        </div>
        <div class="admin-actions admin-filter-actions">
          <button type="submit" class="button primary" disabled={loading.busy()}>
            {t('audit.apply')}
          </button>
          <button type="button" class="button" disabled={loading.busy()} onClick={reset}>
            {t('audit.reset')}
          </button>
        </div>
      </form>
      <p class="admin-hint">{t('audit.timeZoneHint', { zone: me()?.timeZone ?? '' })}</p>
      <ErrorNotice error={loading.error()} />
      <p class="admin-status" role="status" aria-live="polite">
        {loading.busy() ? t('common.loading') : loaded() ? t('audit.shown', { count: entries().length }) : ''}
      </p>
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('section.audit')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.outcome')}</th>
              <th scope="col">{t('audit.ip')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={entries()} fallback={<EmptyRow columns={7} text={t('audit.none')} />}>
              {(entry) => (
                <tr data-testid="admin-audit-row" data-id={entry.id} data-action={entry.action} data-outcome={entry.outcome}>
                  <td class="admin-nowrap">{when(entry.at)}</td>
                  <td>{party(entry.actor)}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    <Show when={messageTarget(entry.target)} fallback={party(entry.target)}>
                      {(message) => <A href={conversationLink(message().conversationId)}>{t('audit.messageIn', { id: message().conversationId.slice(0, 8) })}</A>}
                    </Show>
                  </td>
                  <td>
                    <span class={entry.outcome === 'ok' ? 'badge' : 'badge danger'}>{t(`outcome.${entry.outcome}`)}</span>
                  </td>
                  <td class="admin-nowrap">{entry.ip ?? '—'}</td>
                  <td>
                    <Show when={Object.keys(entry.details).length > 0} fallback={<span class="muted">—</span>}>
                      <details>
                        <summary>{t('audit.showDetails')}</summary>
                        <pre class="admin-json">{JSON.stringify(entry.details, null, 2)}</pre>
                      </details>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={more()}>
          <button type="button" class="button admin-more" disabled={loading.busy()} onClick={() => void load(true)}>
            {loading.busy() ? t('common.loading') : t('common.loadMore')}
          </button>
        </Show>
      </Show>
    </section>
  );
}
