// Teams: create one by name, then change its name, members and queue settings in a dialog, or
// delete it (the server refuses while conversations belong to it).
import type { Agent, Team } from '@smartchat/contracts';
import { createMemo, createSignal, For, onMount, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { api, reloadAgents, reloadTeams } from '../../state/session.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.jsx';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { ErrorNotice, LoadState, StatusText } from '../ui/Feedback.jsx';
import { TeamDialog } from './TeamDialog.jsx';

const MEMBER_NAMES_SHOWN = 3;

export function TeamsSection() {
  const [teams, setTeams] = createStore<Team[]>([]);
  const [agents, setAgents] = createSignal<Agent[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [newName, setNewName] = createSignal('');
  const [editing, setEditing] = createSignal<Team | null>(null);
  const [deleting, setDeleting] = createSignal<Team | null>(null);
  const loading = createTask();
  const creating = createTask();
  const status = createStatusLine();
  let heading!: HTMLHeadingElement;
  let nameField!: HTMLInputElement;

  const load = () =>
    loading.run(async () => {
      const [teamList, agentList] = await Promise.all([api.get('/v1/teams'), api.get('/v1/agents')]);
      setTeams(reconcile(teamList.teams, { key: 'id' }));
      setAgents(agentList.agents);
      setLoaded(true);
    });
  onMount(() => void load());

  const agentNames = createMemo(() => new Map(agents().map((agent) => [agent.id, agent.name])));
  const sorted = createMemo(() => [...teams].sort((a, b) => a.name.localeCompare(b.name)));
  const members = (team: Team) => {
    const names = team.memberIds.map((id) => agentNames().get(id) ?? id);
    const shown = names.slice(0, MEMBER_NAMES_SHOWN).join(', ');
    return names.length > MEMBER_NAMES_SHOWN ? t('teams.andMore', { names: shown, count: names.length - MEMBER_NAMES_SHOWN }) : shown || '—';
  };

  const minutes = (value: number | null) => (value === null ? t('teams.noLimit') : t('teams.minutes', { count: value }));

  /** Keeps the list and the rest of the console (team names, filters, members' access) current. */
  const changed = (next: Team[]) => {
    setTeams(reconcile(next, { key: 'id' }));
    void reloadTeams();
    void reloadAgents();
  };
  const saved = (team: Team) => {
    const exists = teams.some((candidate) => candidate.id === team.id);
    changed(exists ? teams.map((candidate) => (candidate.id === team.id ? team : candidate)) : [...teams, team]);
    status.say(t('teams.saved', { name: team.name }));
  };

  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void creating
      .run(async () => {
        const team = await api.post('/v1/teams', { body: { name: newName().trim() } });
        changed([...teams, team]);
        setNewName('');
        status.say(t('teams.created', { name: team.name }));
      })
      // The button dropped focus when it was disabled for the request; the field is where to go on.
      .then(() => nameField.focus());
  };
  const remove = async (team: Team) => {
    await api.delete('/v1/teams/{id}', { params: { path: { id: team.id } } });
    changed(teams.filter((candidate) => candidate.id !== team.id));
    status.say(t('teams.deleted', { name: team.name }));
  };

  return (
    <section data-testid="admin-teams" aria-labelledby="admin-teams-title">
      <div class="admin-head">
        <h2 id="admin-teams-title" ref={heading} tabIndex={-1}>{t('section.teams')}</h2>
      </div>
      <form class="admin-inline panel" onSubmit={create} noValidate>
        <label for="admin-team-create">
          {t('teams.newName')}
        </label>
        <input ref={nameField} id="admin-team-create" class="input" required maxLength={100} value={newName()} onInput={(event) => setNewName(event.currentTarget.value)} />
        <button type="submit" class="button primary" disabled={creating.busy()}>
          {creating.busy() ? t('common.creating') : t('teams.create')}
        </button>
      </form>
      <ErrorNotice error={creating.error()} />
      <StatusText text={status.text()} />
      <LoadState task={loading} retry={() => void load()} />
      <Show when={loaded()}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('section.teams')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teams.name')}</th>
              <th scope="col">{t('teams.members')}</th>
              <th scope="col">{t('teams.topics')}</th>
              <th scope="col">{t('teams.routing')}</th>
              <th scope="col">{t('teams.sla')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={sorted()} fallback={<EmptyRow columns={6} />}>
              {(team) => (
                <tr data-testid="admin-team-row" data-id={team.id}>
                  <th scope="row">{team.name}</th>
                  <td>
                    <span class="admin-count">{team.memberIds.length}</span> <span class="muted">{members(team)}</span>
                  </td>
                  <td>{team.assignment.topics.join(', ') || '—'}</td>
                  <td>
                    <Show when={team.assignment.isDefault}>
                      <span class="badge accent">{t('teams.defaultBadge')}</span>{' '}
                    </Show>
                    <Show when={team.assignment.assignmentPaused}>
                      <span class="badge danger">{t('teams.pausedBadge')}</span>
                    </Show>
                  </td>
                  <td>
                    {t('teams.slaSummary', { first: minutes(team.assignment.firstResponseMinutes), next: minutes(team.assignment.nextResponseMinutes) })}
                  </td>
                  <td class="admin-row-actions">
                    <button type="button" class="button small" onClick={() => setEditing(team)} aria-label={t('teams.editLabel', { name: team.name })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" class="button small danger" onClick={() => setDeleting(team)} aria-label={t('teams.deleteLabel', { name: team.name })}>
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={editing()}>
        {(team) => <TeamDialog team={team()} teams={teams} agents={agents()} onSaved={saved} onUnchanged={() => status.say(t('common.unchanged'))} onClose={() => setEditing(null)} />}
      </Show>
      <Show when={deleting()}>
        {(team) => (
          <ConfirmDialog
            title={t('teams.deleteTitle')}
            question={t('teams.deleteQuestion', { name: team().name })}
            confirmLabel={t('common.delete')}
            onConfirm={() => remove(team())}
            onClose={() => setDeleting(null)}
            returnFocus={() => heading}
          />
        )}
      </Show>
    </section>
  );
}
