// A team's opening hours: off (always open), or a time zone and the open intervals of each weekday.
// SLA minutes count only while the team is open.
import { createUniqueId, For, Show } from 'solid-js';
import type { Weekday } from '@smartchat/core';
import { timeZones } from '../me-access.js';
import { t } from '../i18n.js';
import { WEEKDAYS } from './team-form.js';

export interface HoursDraft {
  enabled: boolean;
  timeZone: string;
  days: Record<Weekday, string>;
}

export function BusinessHoursEditor(props: { value: HoursDraft; onChange: (value: HoursDraft) => void }) {
  const id = createUniqueId();
  return (
    <fieldset class="admin-fieldset" data-testid="admin-team-hours">
      <legend>{t('teams.businessHours')}</legend>
      <label class="admin-check">
        <input type="checkbox" checked={props.value.enabled} onChange={(event) => props.onChange({ ...props.value, enabled: event.currentTarget.checked })} />
        <span>{t('teams.hoursEnabled')}</span>
      </label>
      <Show when={props.value.enabled} fallback={<p class="admin-hint">{t('teams.hoursAlways')}</p>}>
        <div class="field">
          <label for={`${id}-zone`}>{t('teams.hoursTimeZone')}</label>
          <input id={`${id}-zone`} class="input" list={`${id}-zones`} maxLength={64} value={props.value.timeZone} onInput={(event) => props.onChange({ ...props.value, timeZone: event.currentTarget.value })} />
          <datalist id={`${id}-zones`}>
            <For each={timeZones()}>{(zone) => <option value={zone} />}</For>
          </datalist>
        </div>
        <p id={`${id}-hint`} class="admin-hint">
          {t('teams.hoursHint')}
        </p>
        <div class="admin-hours">
          <For each={WEEKDAYS}>
            {(day) => (
              <div class="admin-hours-day">
                <label for={`${id}-${day}`}>{t(`day.${day}`)}</label>
                <input
                  id={`${id}-${day}`}
                  class="input"
                  placeholder={t('teams.closed')}
                  aria-describedby={`${id}-hint`}
                  value={props.value.days[day]}
                  onInput={(event) => props.onChange({ ...props.value, days: { ...props.value.days, [day]: event.currentTarget.value } })}
                />
              </div>
            )}
          </For>
        </div>
      </Show>
    </fieldset>
  );
}
