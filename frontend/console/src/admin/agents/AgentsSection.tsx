// Agents: every account of the desk with role, teams, capacity, presence and whether it may sign
// in; create one or change one in a dialog, or hand them a one-time link to set a new password. An
// agent whose role is wider than one's own cannot be changed (the server refuses it), so their row
// offers neither.
import type { Agent, Role, Team } from '@smartchat/contracts';
import { createMemo, createSignal, For, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { api, reloadAgents, reloadTeams } from '../../state/session.js';
import { canGrant } from '../me-access.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { LoadState, StatusText } from '../ui/Feedback.jsx';
import { AgentDialog } from './AgentDialog.jsx';
import { ResetLinkDialog } from './ResetLinkDialog.jsx';

export function AgentsSection() {
  const [agents, setAgents] = createStore<Agent[]>([]);
  const [roles, setRoles] = createSignal<Role[]>([]);
  const [teams, setTeams] = createSignal<Team[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [filter, setFilter] = createSignal('');
  const [editing, setEditing] = createSignal<{ agent: Agent | null } | null>(null);
  const [resetting, setResetting] = createSignal<Agent | null>(null);
  let heading!: HTMLHeadingElement;
  const loading = createTask();
  const status = createStatusLine();

  const load = () =>
    loading.run(async () => {
      const [agentList, roleList, teamList] = await Promise.all([
        api.get('/v1/agents'),
        api.get('/v1/roles'),
        api.get('/v1/teams'),
      ]);
      setAgents(reconcile(agentList.agents, { key: 'id' }));
      setRoles(roleList.roles);
      setTeams(teamList.teams);
      setLoaded(true);
    });
  onMount(() => void load());

  const teamNames = createMemo(() => new Map(teams().map((team) => [team.id, team.name])));
  const roleByName = createMemo(() => new Map(roles().map((role) => [role.name, role])));
  const shown = createMemo(() => {
    const needle = filter().trim().toLowerCase();
    const matching = needle ? agents.filter((agent) => `${agent.name} ${agent.email} ${agent.role}`.toLowerCase().includes(needle)) : [...agents];
    return matching.sort((a, b) => a.name.localeCompare(b.name));
  });
  /** Unknown roles (the list did not load) are left to the server to judge. */
  const mayEdit = (agent: Agent) => {
    const role = roleByName().get(agent.role);
    return !role || canGrant(role);
  };

  const saved = (agent: Agent, created: boolean) => {
    const index = agents.findIndex((candidate) => candidate.id === agent.id);
    setAgents(reconcile(index === -1 ? [...agents, agent] : agents.map((candidate) => (candidate.id === agent.id ? agent : candidate)), { key: 'id' }));
    status.say(created ? t('agents.created', { name: agent.name }) : t('agents.saved', { name: agent.name }));
    // The rest of the console (names, mentions, assignment) follows the desk.
    void reloadAgents();
    void reloadTeams();
  };

  return (
    <section data-testid="admin-agents" aria-labelledby="admin-agents-title">
      <div class="admin-head">
        <h2 id="admin-agents-title" ref={heading} tabIndex={-1}>
          {t('section.agents')}
        </h2>
        <button type="button" class="button primary" onClick={() => setEditing({ agent: null })} disabled={!loaded()}>
          {t('agents.new')}
        </button>
      </div>
      <StatusText text={status.text()} />
      <div class="admin-toolbar">
        <label for="admin-agents-filter">{t('agents.filter')}</label>
        <input id="admin-agents-filter" class="input" type="search" value={filter()} onInput={(event) => setFilter(event.currentTarget.value)} />
        <span class="muted">{t('common.count', { shown: shown().length, total: agents.length })}</span>
      </div>
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('section.agents')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agents.name')}</th>
              <th scope="col">{t('agents.email')}</th>
              <th scope="col">{t('agents.role')}</th>
              <th scope="col">{t('agents.teams')}</th>
              <th scope="col">{t('agents.capacity')}</th>
              <th scope="col">{t('agents.status')}</th>
              <th scope="col">{t('agents.disabled')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={shown()} fallback={<EmptyRow columns={8} />}>
              {(agent) => (
                <tr data-testid="admin-agent-row" data-id={agent.id}>
                  <th scope="row">{agent.name}</th>
                  <td>{agent.email}</td>
                  <td>{agent.role}</td>
                  <td>{agent.teamIds.map((teamId) => teamNames().get(teamId) ?? teamId).join(', ') || '—'}</td>
                  <td>{agent.capacity}</td>
                  <td>
                    {t(`presence.${agent.status}`)}
                    <Show when={agent.assignmentPaused}>
                      {' '}
                      <span class="badge">{t('agents.pausedBadge')}</span>
                    </Show>
                  </td>
                  <td>
                    <Show when={agent.disabled} fallback={<span class="muted">{t('common.no')}</span>}>
                      <span class="badge danger">{t('agents.disabledBadge')}</span>
                    </Show>
                  </td>
                  <td>
                    <Show when={mayEdit(agent)} fallback={<span class="muted">{t('agents.aboveYou')}</span>}>
                      <div class="admin-row-actions">
                        <button type="button" class="button small" onClick={() => setEditing({ agent })} aria-label={t('agents.editLabel', { name: agent.name })}>
                          {t('common.edit')}
                        </button>
                        {/* A disabled account cannot sign in, so the server gives it no link. */}
                        <Show when={!agent.disabled}>
                          <button type="button" class="button small" onClick={() => setResetting(agent)} aria-label={t('agents.resetLinkLabel', { name: agent.name })} data-testid="admin-agent-reset-link">
                            {t('agents.resetLink')}
                          </button>
                        </Show>
                      </div>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={editing()}>
        {(open) => (
          <AgentDialog agent={open().agent} roles={roles()} teams={teams()} onSaved={saved} onUnchanged={() => status.say(t('common.unchanged'))} onClose={() => setEditing(null)} />
        )}
      </Show>
      <Show when={resetting()}>{(agent) => <ResetLinkDialog agent={agent()} onClose={() => setResetting(null)} returnFocus={() => heading} />}</Show>
    </section>
  );
}
