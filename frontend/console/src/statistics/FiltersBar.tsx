// The bar above every statistics panel: the period (presets as in most help-desk reports, or a
// custom pair of days), teams, agents, channels and topics (several of each), customer or internal conversations,
// calendar or business time, and the time zone every figure is computed in (the viewer's own by
// default, always on screen). Choices apply at once, except a custom range, which is applied with
// its button once both days are in.
import { isTimeZone, TIME_ZONES } from '@smartchat/contracts/time-zones';
import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show } from 'solid-js';
import { t as consoleT } from '../i18n.js';
import { agents, me, teams } from '../state/session.js';
import { t } from './i18n.js';
import { checkCustomRange, PRESETS, presetRange, todayIn, type Preset } from './range.js';
import { agentsInScope, teamsInScope, topicsInScope } from './scope.js';
import { CUSTOMER_CHANNELS, type Channel, type Selection } from './selection.js';
import { offsetLabel } from './zone.js';

export interface FiltersBarProps {
  selection: Selection;
  onChange: (next: Selection) => void;
  /** The live tab ignores the period and filters; the zone still shows. */
  periodless?: boolean;
}

export function FiltersBar(props: FiltersBarProps) {
  const id = createUniqueId();
  const change = (patch: Partial<Selection>) => props.onChange({ ...props.selection, ...patch });
  const scopedTeams = createMemo(() => teamsInScope(me(), teams()));
  const scopedAgents = createMemo(() => agentsInScope(me(), agents(), props.selection.teamIds));
  const topics = createMemo(() => topicsInScope(scopedTeams(), props.selection.teamIds));
  // A change of teams keeps only the agents and topics those teams still offer.
  const chooseTeams = (teamIds: string[]) => {
    const agentIds = new Set(agentsInScope(me(), agents(), teamIds).map((agent) => agent.id));
    const topicNames = new Set(topicsInScope(scopedTeams(), teamIds));
    change({ teamIds, agentIds: props.selection.agentIds.filter((id) => agentIds.has(id)), topics: props.selection.topics.filter((topic) => topicNames.has(topic)) });
  };

  const [customFrom, setCustomFrom] = createSignal(props.selection.range.from);
  const [customTo, setCustomTo] = createSignal(props.selection.range.to);
  const [showCustom, setShowCustom] = createSignal(props.selection.preset === 'custom');
  const [rangeProblem, setRangeProblem] = createSignal<string | null>(null);
  const [zoneText, setZoneText] = createSignal<string>(props.selection.zone);
  const [zoneProblem, setZoneProblem] = createSignal<string | null>(null);

  // The URL may change under the bar (back, a shared link): the typed fields follow it.
  createEffect(on(() => props.selection.zone, (zone) => setZoneText(zone), { defer: true }));
  createEffect(on(() => props.selection.preset, (preset) => setShowCustom(preset === 'custom'), { defer: true }));

  const pickPreset = (preset: Preset) => {
    if (preset === 'custom') {
      setCustomFrom(props.selection.range.from);
      setCustomTo(props.selection.range.to);
      setShowCustom(true);
      return;
    }
    setShowCustom(false);
    setRangeProblem(null);
    change({ preset, range: presetRange(preset, todayIn(props.selection.zone)) });
  };
  const applyCustom = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = checkCustomRange(customFrom(), customTo());
    if ('problem' in checked) {
      setRangeProblem(checked.problem === 'inverted' ? t('filters.rangeInverted') : t('filters.rangeMissing'));
      return;
    }
    setRangeProblem(null);
    change({ preset: 'custom', range: checked.range });
  };
  const applyZone = () => {
    const zone = zoneText().trim();
    if (zone === props.selection.zone) return;
    if (!isTimeZone(zone)) {
      setZoneProblem(t('filters.zoneUnknown', { zone, used: props.selection.zone }));
      return;
    }
    setZoneProblem(null);
    // A preset means "today" in the new zone; a custom range keeps its days.
    const range = props.selection.preset === 'custom' ? props.selection.range : presetRange(props.selection.preset, todayIn(zone));
    change({ zone, range, unknownZone: null });
  };
  const pressed = (preset: Preset) => (preset === 'custom' ? showCustom() : !showCustom() && props.selection.preset === preset);
  const scopeHint = () => (me()?.scope === 'teams' ? t('filters.scopeTeams') : me()?.scope === 'assigned' ? t('filters.scopeAssigned') : null);

  return (
    <div class="stats-filters panel" role="search" aria-label={t('filters.label')} data-testid="stats-filters">
      <Show when={!props.periodless}>
        <div class="stats-filter-row">
          <div class="stats-segmented" role="group" aria-label={t('filters.period')} data-testid="stats-presets">
            <For each={PRESETS}>
              {(preset) => (
                <button type="button" class="button" aria-pressed={pressed(preset)} onClick={() => pickPreset(preset)} data-preset={preset} data-testid={`stats-preset-${preset}`}>
                  {t(`preset.${preset}`)}
                </button>
              )}
            </For>
          </div>
        </div>
        <Show when={showCustom()}>
          <form class="stats-filter-row stats-custom-range" onSubmit={applyCustom} noValidate aria-label={t('preset.custom')}>
            <div class="field">
              <label for={`${id}-from`}>{t('filters.from')}</label>
              <input id={`${id}-from`} class="input" type="date" value={customFrom()} onInput={(event) => setCustomFrom(event.currentTarget.value)} aria-describedby={rangeProblem() ? `${id}-range-problem` : undefined} data-testid="stats-custom-from" />
            </div>
            <div class="field">
              <label for={`${id}-to`}>{t('filters.to')}</label>
              <input id={`${id}-to`} class="input" type="date" value={customTo()} onInput={(event) => setCustomTo(event.currentTarget.value)} aria-describedby={rangeProblem() ? `${id}-range-problem` : undefined} data-testid="stats-custom-to" />
            </div>
            <button type="submit" class="button primary" data-testid="stats-custom-apply">
              {t('filters.applyRange')}
            </button>
            <Show when={rangeProblem()}>
              {(problem) => (
                <p id={`${id}-range-problem`} class="error-text stats-field-problem" role="alert">
                  {problem()}
                </p>
              )}
            </Show>
          </form>
        </Show>
      </Show>
      <div class="stats-filter-row stats-filter-grid">
        <MultiFilter
          id={`${id}-team`}
          label={t('filters.team')}
          hint={t('filters.anyTeam')}
          testId="stats-filter-team"
          options={scopedTeams().map((team) => ({ value: team.id, label: team.name }))}
          chosen={props.selection.teamIds}
          onChoose={chooseTeams}
        />
        <Show when={!props.periodless}>
          <MultiFilter
            id={`${id}-agent`}
            label={t('filters.agent')}
            hint={t('filters.anyAgent')}
            testId="stats-filter-agent"
            options={scopedAgents().map((agent) => ({ value: agent.id, label: agent.name }))}
            chosen={props.selection.agentIds}
            onChoose={(agentIds) => change({ agentIds })}
          />
          <MultiFilter
            id={`${id}-channel`}
            label={t('filters.channel')}
            hint={t('filters.anyChannel')}
            testId="stats-filter-channel"
            disabled={props.selection.internal}
            options={CUSTOMER_CHANNELS.map((channel) => ({ value: channel, label: consoleT(`channel.${channel}`) }))}
            chosen={props.selection.channels}
            onChoose={(channels) => change({ channels: channels as Channel[] })}
          />
          <MultiFilter
            id={`${id}-topic`}
            label={t('filters.topic')}
            hint={t('filters.anyTopic')}
            testId="stats-filter-topic"
            options={topics().map((topic) => ({ value: topic, label: topic }))}
            chosen={props.selection.topics}
            onChoose={(chosenTopics) => change({ topics: chosenTopics })}
          />
        </Show>
      </div>
      <Show when={!props.periodless}>
        <div class="stats-filter-row">
          <div class="stats-segmented" role="group" aria-label={t('filters.audience')} data-testid="stats-audience">
            <button type="button" class="button" aria-pressed={!props.selection.internal} onClick={() => change({ internal: false })} data-testid="stats-audience-customer">
              {t('filters.customer')}
            </button>
            <button type="button" class="button" aria-pressed={props.selection.internal} onClick={() => change({ internal: true, channels: [] })} data-testid="stats-audience-internal">
              {t('filters.internal')}
            </button>
          </div>
          <div class="stats-segmented" role="group" aria-label={t('filters.hours')} data-testid="stats-hours">
            <button type="button" class="button" aria-pressed={!props.selection.business} onClick={() => change({ business: false })} data-testid="stats-hours-calendar">
              {t('filters.calendar')}
            </button>
            <button type="button" class="button" aria-pressed={props.selection.business} onClick={() => change({ business: true })} data-testid="stats-hours-business">
              {t('filters.business')}
            </button>
          </div>
        </div>
      </Show>
      <div class="stats-filter-row stats-zone">
        <div class="field">
          <label for={`${id}-zone`}>{t('filters.zone')}</label>
          <div class="stats-zone-input">
            <input
              id={`${id}-zone`}
              class="input"
              list={`${id}-zones`}
              value={zoneText()}
              onInput={(event) => setZoneText(event.currentTarget.value)}
              onChange={applyZone}
              onKeyDown={(event) => event.key === 'Enter' && (event.preventDefault(), applyZone())}
              aria-describedby={`${id}-zone-hint${zoneProblem() || props.selection.unknownZone ? ` ${id}-zone-problem` : ''}`}
              data-testid="stats-zone"
            />
            <span class="stats-zone-offset" data-testid="stats-zone-label">
              {props.selection.zone} ({offsetLabel(new Date(), props.selection.zone)})
            </span>
          </div>
          <datalist id={`${id}-zones`}>
            <For each={TIME_ZONES}>{(zone) => <option value={zone} />}</For>
          </datalist>
          <span id={`${id}-zone-hint`} class="stats-hint">
            {t('filters.zoneHint')}
          </span>
          <Show when={zoneProblem() ?? (props.selection.unknownZone ? t('filters.zoneUnknown', { zone: props.selection.unknownZone, used: props.selection.zone }) : null)}>
            {(problem) => (
              <span id={`${id}-zone-problem`} class="error-text stats-field-problem" role="alert">
                {problem()}
              </span>
            )}
          </Show>
        </div>
        <Show when={scopeHint()}>{(hint) => <p class="stats-hint" data-testid="stats-scope-hint">{hint()}</p>}</Show>
      </div>
    </div>
  );
}

interface MultiFilterProps {
  id: string;
  label: string;
  /** What no choice means ("any team"): said under the list, and the list's description. */
  hint: string;
  testId: string;
  options: { value: string; label: string }[];
  chosen: readonly string[];
  disabled?: boolean;
  onChoose: (values: string[]) => void;
}

/**
 * One filter: a native list box of its values where several may be chosen (Ctrl or Shift with a
 * click; Shift with the arrows from the keyboard); none chosen means all of them. "Clear" empties
 * the choice.
 */
function MultiFilter(props: MultiFilterProps) {
  return (
    <div class="field stats-multi-filter">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        class="input"
        multiple
        size={4}
        title={t('filters.several')}
        disabled={props.disabled}
        aria-describedby={`${props.id}-hint`}
        data-testid={props.testId}
        onChange={(event) => props.onChoose([...event.currentTarget.selectedOptions].map((option) => option.value))}
      >
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={props.chosen.includes(option.value)}>
              {option.label}
            </option>
          )}
        </For>
      </select>
      <div class="stats-multi-filter-foot">
        <span id={`${props.id}-hint`} class="muted">
          {props.chosen.length === 0 ? props.hint : t('filters.chosen', { count: String(props.chosen.length) })}
        </span>
        <Show when={props.chosen.length > 0 && !props.disabled}>
          <button type="button" class="button small" onClick={() => props.onChoose([])} data-testid={`${props.testId}-clear`}>
            {t('filters.clear')}
          </button>
        </Show>
      </div>
    </div>
  );
}
