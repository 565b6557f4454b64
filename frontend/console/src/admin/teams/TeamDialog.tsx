// Changing a team: its name, members, and how its queue is fed and served (topics, default team,
// pause, SLA minutes, business hours, overflow, auto-close, customer rating). Each of the three parts has its own
// endpoint; only changed parts are sent, in order, and what was saved shows even if a later part
// is refused.
import type { Agent, Team, TeamAssignment } from '@smartchat/contracts';
import type { Weekday } from '@smartchat/core';
import { createSignal, createUniqueId, For } from 'solid-js';
import { api, me } from '../../state/session.js';
import { FormProblem } from '../errors.js';
import { knownTimeZone } from '../me-access.js';
import { sameSet } from '../same-set.js';
import { t } from '../i18n.js';
import { createTask } from '../task.js';
import { CheckboxList } from '../ui/CheckboxList.jsx';
import { Dialog } from '../ui/Dialog.jsx';
import { ErrorNotice } from '../ui/Feedback.jsx';
import { BusinessHoursEditor, type HoursDraft } from './BusinessHoursEditor.jsx';
import { TopicsEditor } from './TopicsEditor.jsx';
import { assignmentBody, assignmentChanges, formatDayHours, minutesText, parseDayHours, parseMinutes, WEEKDAYS, type Interval } from './team-form.js';

export function TeamDialog(props: { team: Team; teams: Team[]; agents: Agent[]; onSaved: (team: Team) => void; onUnchanged: () => void; onClose: () => void }) {
  // The team as it was when the dialog opened; the save sends the difference.
  const original = props.team;
  const before = original.assignment;
  const id = createUniqueId();
  const [name, setName] = createSignal(original.name);
  const [memberIds, setMemberIds] = createSignal<string[]>(original.memberIds);
  const [topics, setTopics] = createSignal<string[]>(before.topics);
  const [isDefault, setIsDefault] = createSignal(before.isDefault);
  const [paused, setPaused] = createSignal(before.assignmentPaused);
  const [firstResponse, setFirstResponse] = createSignal(minutesText(before.firstResponseMinutes));
  const [nextResponse, setNextResponse] = createSignal(minutesText(before.nextResponseMinutes));
  const [autoClose, setAutoClose] = createSignal(minutesText(before.autoCloseAfterMinutes));
  const [csatEnabled, setCsatEnabled] = createSignal(before.csatEnabled);
  const [overflowTeamId, setOverflowTeamId] = createSignal(before.overflowTeamId ?? '');
  const [overflowAfter, setOverflowAfter] = createSignal(minutesText(before.overflowAfterMinutes));
  const [hours, setHours] = createSignal<HoursDraft>({
    enabled: before.businessHours !== null,
    timeZone: before.businessHours?.timeZone ?? me()?.timeZone ?? 'Europe/Moscow',
    days: Object.fromEntries(WEEKDAYS.map((day) => [day, formatDayHours(before.businessHours?.days[day])])) as Record<Weekday, string>,
  });
  const task = createTask();

  const businessHours = (): TeamAssignment['businessHours'] => {
    const draft = hours();
    if (!draft.enabled) return null;
    const days: Partial<Record<Weekday, Interval[]>> = {};
    for (const day of WEEKDAYS) {
      const intervals = parseDayHours(draft.days[day]);
      if (intervals === null) throw new FormProblem(t('teams.hoursUnreadable', { day: t(`day.${day}`), text: draft.days[day] }));
      if (intervals.length > 0) days[day] = intervals;
    }
    return { timeZone: knownTimeZone(draft.timeZone), days };
  };

  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void task.run(async () => {
      const overflow = overflowTeamId() || null;
      const assignment: TeamAssignment = {
        topics: topics(),
        isDefault: isDefault(),
        assignmentPaused: paused(),
        firstResponseMinutes: parseMinutes(firstResponse()),
        nextResponseMinutes: parseMinutes(nextResponse()),
        autoCloseAfterMinutes: parseMinutes(autoClose()),
        overflowTeamId: overflow,
        overflowAfterMinutes: overflow ? parseMinutes(overflowAfter()) : null,
        businessHours: businessHours(),
        csatEnabled: csatEnabled(),
      };
      const changes = assignmentChanges(before, assignment);
      const renamed = name().trim() !== original.name;
      const membersChanged = !sameSet(memberIds(), original.memberIds);
      if (!renamed && !membersChanged && Object.keys(changes).length === 0) {
        props.onUnchanged();
        props.onClose();
        return;
      }
      if (renamed) props.onSaved(await api.patch('/v1/teams/{id}', { params: { path: { id: original.id } }, body: { name: name().trim() } }));
      if (membersChanged) props.onSaved(await api.put('/v1/teams/{id}/members', { params: { path: { id: original.id } }, body: { agentIds: memberIds() } }));
      if (Object.keys(changes).length > 0) props.onSaved(await api.patch('/v1/teams/{id}/assignment', { params: { path: { id: original.id } }, body: assignmentBody(changes) }));
      props.onClose();
    });
  };

  const agentOptions = () =>
    [...props.agents].sort((a, b) => a.name.localeCompare(b.name)).map((agent) => ({ value: agent.id, label: agent.name, hint: agent.disabled ? `${agent.email} · ${t('agents.disabledBadge')}` : agent.email }));

  return (
    <Dialog title={t('teams.editTitle', { name: original.name })} onClose={() => props.onClose()} testId="admin-team-dialog" wide>
      <form class="admin-form" onSubmit={save} noValidate>
        <div class="field">
          <label for={`${id}-name`}>{t('teams.name')}</label>
          <input id={`${id}-name`} class="input" required maxLength={100} value={name()} onInput={(event) => setName(event.currentTarget.value)} />
        </div>
        <CheckboxList legend={t('teams.members')} options={agentOptions()} selected={memberIds()} onChange={setMemberIds} testId="admin-team-members" />
        <TopicsEditor topics={topics()} onChange={setTopics} />
        <fieldset class="admin-fieldset">
          <legend>{t('teams.routing')}</legend>
          <label class="admin-check">
            <input type="checkbox" checked={isDefault()} onChange={(event) => setIsDefault(event.currentTarget.checked)} aria-describedby={`${id}-default-hint`} />
            <span>{t('teams.isDefault')}</span>
          </label>
          <p id={`${id}-default-hint`} class="admin-hint">
            {t('teams.isDefaultHint')}
          </p>
          <label class="admin-check">
            <input type="checkbox" checked={paused()} onChange={(event) => setPaused(event.currentTarget.checked)} />
            <span>{t('teams.assignmentPaused')}</span>
          </label>
        </fieldset>
        <fieldset class="admin-fieldset">
          <legend>{t('teams.sla')}</legend>
          <p id={`${id}-minutes-hint`} class="admin-hint">
            {t('teams.minutesHint')}
          </p>
          <div class="admin-form-grid">
            <MinutesField id={`${id}-first`} label={t('teams.firstResponse')} hint={`${id}-minutes-hint`} value={firstResponse()} onInput={setFirstResponse} />
            <MinutesField id={`${id}-next`} label={t('teams.nextResponse')} hint={`${id}-minutes-hint`} value={nextResponse()} onInput={setNextResponse} />
            <MinutesField id={`${id}-close`} label={t('teams.autoClose')} hint={`${id}-minutes-hint`} value={autoClose()} onInput={setAutoClose} />
          </div>
        </fieldset>
        <BusinessHoursEditor value={hours()} onChange={setHours} />
        <fieldset class="admin-fieldset">
          <legend>{t('teams.csat')}</legend>
          <label class="admin-check">
            <input type="checkbox" checked={csatEnabled()} onChange={(event) => setCsatEnabled(event.currentTarget.checked)} aria-describedby={`${id}-csat-hint`} data-testid="admin-team-csat" />
            <span>{t('teams.csatEnabled')}</span>
          </label>
          <p id={`${id}-csat-hint`} class="admin-hint">
            {t('teams.csatHint')}
          </p>
        </fieldset>
        <fieldset class="admin-fieldset">
          <legend>{t('teams.overflow')}</legend>
          <div class="admin-form-grid">
            <div class="field">
              <label for={`${id}-overflow`}>{t('teams.overflowTeam')}</label>
              <select id={`${id}-overflow`} class="input" onChange={(event) => setOverflowTeamId(event.currentTarget.value)}>
                <option value="" selected={overflowTeamId() === ''}>
                  {t('teams.noOverflow')}
                </option>
                <For each={props.teams.filter((team) => team.id !== original.id)}>
                  {(team) => (
                    <option value={team.id} selected={team.id === overflowTeamId()}>
                      {team.name}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <MinutesField id={`${id}-overflow-after`} label={t('teams.overflowAfter')} hint={`${id}-minutes-hint`} value={overflowAfter()} onInput={setOverflowAfter} disabled={!overflowTeamId()} />
          </div>
        </fieldset>
        <ErrorNotice error={task.error()} />
        <div class="admin-actions">
          <button type="submit" class="button primary" disabled={task.busy()}>
            {task.busy() ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function MinutesField(props: { id: string; label: string; hint: string; value: string; onInput: (value: string) => void; disabled?: boolean }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input id={props.id} class="input" type="number" min={1} max={30 * 24 * 60} step={1} aria-describedby={props.hint} disabled={props.disabled} value={props.value} onInput={(event) => props.onInput(event.currentTarget.value)} />
    </div>
  );
}
