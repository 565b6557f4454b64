// Creating an agent (e-mail, name, first password, role, capacity, time zone, teams) or changing
// one (also disabled, assignment paused and presence). Hints follow the contract's rules; the
// server decides, and its refusal is shown in the dialog.
import type { Agent, Role, Team } from '@smartchat/contracts';
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { api } from '../../state/session.js';
import { canDo, canGrant, knownTimeZone, timeZones } from '../me-access.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { CheckboxList } from '../ui/CheckboxList.jsx';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { agentChanges } from './agent-changes.js';

const STATUSES = ['online', 'away', 'offline'] as const;

export function AgentDialog(props: { agent: Agent | null; roles: Role[]; teams: Team[]; onSaved: (agent: Agent, created: boolean) => void; onUnchanged: () => void; onClose: () => void }) {
  // The agent as it was when the dialog opened: the form edits a copy, the save sends the difference.
  const original = props.agent;
  const id = createUniqueId();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [name, setName] = createSignal(original?.name ?? '');
  const [role, setRole] = createSignal(original?.role ?? 'agent');
  const [capacity, setCapacity] = createSignal(original?.capacity ?? 5);
  const [timeZone, setTimeZone] = createSignal(original?.timeZone ?? 'Europe/Moscow');
  const [teamIds, setTeamIds] = createSignal<string[]>(original?.teamIds ?? []);
  const [disabled, setDisabled] = createSignal(original?.disabled ?? false);
  const [paused, setPaused] = createSignal(original?.assignmentPaused ?? false);
  const [status, setStatus] = createSignal<Agent['status']>(original?.status ?? 'offline');
  const task = createTask();
  const mayPlaceInTeams = canDo('teams.manage');

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      if (!original) {
        const created = await api.post('/v1/agents', {
          body: {
            email: email().trim(),
            name: name().trim(),
            password: password(),
            role: role(),
            capacity: capacity(),
            timeZone: knownTimeZone(timeZone()),
            teamIds: mayPlaceInTeams ? teamIds() : [],
          },
        });
        props.onSaved(created, true);
        props.onClose();
        return;
      }
      const changes = agentChanges(original, { name: name(), role: role(), capacity: capacity(), timeZone: timeZone(), teamIds: teamIds(), disabled: disabled(), assignmentPaused: paused() });
      const statusChanged = status() !== original.status;
      if (Object.keys(changes).length === 0 && !statusChanged) {
        props.onUnchanged();
        props.onClose();
        return;
      }
      let saved = original;
      if (Object.keys(changes).length > 0) {
        const { timeZone: zone, ...rest } = changes;
        saved = await api.patch('/v1/agents/{id}', { params: { path: { id: original.id } }, body: { ...rest, ...(zone !== undefined ? { timeZone: knownTimeZone(zone) } : {}) } });
        props.onSaved(saved, false);
      }
      if (statusChanged) {
        await api.put('/v1/agents/{id}/status', { params: { path: { id: original.id } }, body: { status: status() } });
        props.onSaved({ ...saved, status: status() }, false);
      }
      props.onClose();
    });
  };

  return (
    <Dialog title={original ? t('agents.editTitle', { name: original.name }) : t('agents.createTitle')} onClose={() => props.onClose()} testId="admin-agent-dialog" wide>
      <form class="admin-form" onSubmit={save} noValidate>
        <Show
          when={original}
          fallback={
            <>
              <div class="field">
                <label for={`${id}-email`}>{t('agents.email')}</label>
                <input id={`${id}-email`} class="input" type="email" required maxLength={254} autocomplete="off" value={email()} onInput={(event) => setEmail(event.currentTarget.value)} />
              </div>
              <div class="field">
                <label for={`${id}-password`}>{t('agents.password')}</label>
                <input
                  id={`${id}-password`}
                  class="input"
                  type="password"
                  required
                  minLength={12}
                  maxLength={1024}
                  autocomplete="new-password"
                  aria-describedby={`${id}-password-hint`}
                  value={password()}
                  onInput={(event) => setPassword(event.currentTarget.value)}
                />
                <span id={`${id}-password-hint`} class="admin-hint">
                  {t('agents.passwordHint')}
                </span>
              </div>
            </>
          }
        >
          {(agent) => (
            <p class="muted">
              {t('agents.email')}: {agent().email}
            </p>
          )}
        </Show>
        <div class="admin-form-grid">
          <div class="field">
            <label for={`${id}-name`}>{t('agents.name')}</label>
            <input id={`${id}-name`} class="input" required maxLength={200} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`${id}-role`}>{t('agents.role')}</label>
            <select id={`${id}-role`} class="input" onChange={(event) => setRole(event.currentTarget.value)} aria-describedby={`${id}-role-hint`}>
              <Show when={!props.roles.some((candidate) => candidate.name === role())}>
                <option value={role()} selected>
                  {role()}
                </option>
              </Show>
              <For each={props.roles}>
                {(candidate) => (
                  <option value={candidate.name} selected={candidate.name === role()} disabled={!canGrant(candidate) && candidate.name !== original?.role}>
                    {candidate.name}
                    {canGrant(candidate) ? '' : ` — ${t('agents.roleTooWide')}`}
                  </option>
                )}
              </For>
            </select>
            <span id={`${id}-role-hint`} class="admin-hint">
              {t('agents.roleHint')}
            </span>
          </div>
          <div class="field">
            <label for={`${id}-capacity`}>{t('agents.capacity')}</label>
            <input
              id={`${id}-capacity`}
              class="input"
              type="number"
              min={0}
              max={100}
              step={1}
              aria-describedby={`${id}-capacity-hint`}
              value={Number.isNaN(capacity()) ? '' : capacity()}
              onInput={(event) => setCapacity(event.currentTarget.valueAsNumber)}
            />
            <span id={`${id}-capacity-hint`} class="admin-hint">
              {t('agents.capacityHint')}
            </span>
          </div>
          <div class="field">
            <label for={`${id}-zone`}>{t('agents.timeZone')}</label>
            <input id={`${id}-zone`} class="input" list={`${id}-zones`} maxLength={64} value={timeZone()} onInput={(event) => setTimeZone(event.currentTarget.value)} />
            <datalist id={`${id}-zones`}>
              <For each={timeZones()}>{(zone) => <option value={zone} />}</For>
            </datalist>
          </div>
        </div>
        <Show when={mayPlaceInTeams} fallback={<p class="admin-hint">{t('agents.teamsNeedPermission')}</p>}>
          <CheckboxList legend={t('agents.teams')} options={props.teams.map((team) => ({ value: team.id, label: team.name }))} selected={teamIds()} onChange={setTeamIds} testId="admin-agent-teams" />
        </Show>
        <Show when={original}>
          <div class="admin-form-grid">
            <div class="field">
              <label for={`${id}-status`}>{t('agents.status')}</label>
              <select id={`${id}-status`} class="input" onChange={(event) => setStatus(event.currentTarget.value as Agent['status'])}>
                <For each={STATUSES}>{(value) => (
                    <option value={value} selected={value === status()}>
                      {t(`presence.${value}`)}
                    </option>
                  )}</For>
              </select>
            </div>
            <div class="admin-checks">
              <label class="admin-check">
                <input type="checkbox" checked={paused()} onChange={(event) => setPaused(event.currentTarget.checked)} />
                <span>{t('agents.assignmentPaused')}</span>
              </label>
              <label class="admin-check">
                <input type="checkbox" checked={disabled()} onChange={(event) => setDisabled(event.currentTarget.checked)} />
                <span>{t('agents.disabled')}</span>
              </label>
            </div>
          </div>
        </Show>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()}>
            {task.busy() ? t('common.saving') : original ? t('common.save') : t('agents.create')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
