// The filters under the search box: team, assignee, channel, status, a range of days, attachments,
// author, order, and deleted messages for those who may see them (messages.history). Each change
// applies at once; the page keeps them in the URL.
import { createMemo, For, Show } from 'solid-js';
import { t as consoleT } from '../i18n.js';
import { agents, can, me, teams } from '../state/session.js';
import { teamsInScope } from '../statistics/scope.js';
import { requestSearchFocus } from './focus.js';
import { t } from './i18n.js';
import { ATTACHMENT_FILTERS, AUTHOR_KINDS, EMPTY_SEARCH, filterCount, SEARCH_CHANNELS, SEARCH_SORTS, SEARCH_STATUSES, dayOrEmpty, type SearchState } from './search-state.js';

function pick<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return allowed.find((candidate) => candidate === value) ?? '';
}

export function SearchFilters(props: { state: SearchState; onChange: (patch: Partial<SearchState>) => void }) {
  const teamChoices = createMemo(() => teamsInScope(me(), teams()));
  const agentChoices = createMemo(() => [...agents()].sort((a, b) => a.name.localeCompare(b.name)));
  const clear = () => {
    const { q: _q, sort: _sort, ...filters } = EMPTY_SEARCH;
    props.onChange(filters);
    // The button goes with the filters: focus goes back to the search box rather than to nowhere.
    requestSearchFocus();
  };
  return (
    <fieldset class="search-filters" data-testid="search-filters">
      <legend class="visually-hidden">{t('search.filters')}</legend>
      <div class="field">
        <label for="search-team">{t('search.team')}</label>
        <select id="search-team" class="input" value={props.state.teamId} onChange={(event) => props.onChange({ teamId: event.currentTarget.value })} data-testid="search-team">
          <option value="">{t('search.anyTeam')}</option>
          <For each={teamChoices()}>{(team) => <option value={team.id}>{team.name}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="search-assignee">{t('search.assignee')}</label>
        <select id="search-assignee" class="input" value={props.state.assigneeId} onChange={(event) => props.onChange({ assigneeId: event.currentTarget.value })} data-testid="search-assignee">
          <option value="">{t('search.any')}</option>
          <For each={agentChoices()}>{(agent) => <option value={agent.id}>{agent.id === me()?.id ? `${agent.name} (${consoleT('common.me')})` : agent.name}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="search-channel">{t('search.channel')}</label>
        <select id="search-channel" class="input" value={props.state.channel} onChange={(event) => props.onChange({ channel: pick(event.currentTarget.value, SEARCH_CHANNELS) })} data-testid="search-channel">
          <option value="">{t('search.any')}</option>
          <For each={SEARCH_CHANNELS}>{(channel) => <option value={channel}>{consoleT(`channel.${channel}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="search-status">{t('search.status')}</label>
        <select id="search-status" class="input" value={props.state.status} onChange={(event) => props.onChange({ status: pick(event.currentTarget.value, SEARCH_STATUSES) })} data-testid="search-status">
          <option value="">{t('search.any')}</option>
          <For each={SEARCH_STATUSES}>{(status) => <option value={status}>{consoleT(`status.${status}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="search-from">{t('search.from')}</label>
        <input id="search-from" class="input" type="date" value={props.state.from} max={props.state.to || undefined} onChange={(event) => props.onChange({ from: dayOrEmpty(event.currentTarget.value) })} data-testid="search-from" />
      </div>
      <div class="field">
        <label for="search-to">{t('search.to')}</label>
        <input id="search-to" class="input" type="date" value={props.state.to} min={props.state.from || undefined} onChange={(event) => props.onChange({ to: dayOrEmpty(event.currentTarget.value) })} data-testid="search-to" />
      </div>
      <div class="field">
        <label for="search-attachment">{t('search.attachment')}</label>
        <select id="search-attachment" class="input" value={props.state.attachment} onChange={(event) => props.onChange({ attachment: pick(event.currentTarget.value, ATTACHMENT_FILTERS) })} data-testid="search-attachment">
          <option value="">{t('search.attachment.any')}</option>
          <For each={ATTACHMENT_FILTERS}>{(choice) => <option value={choice}>{t(`search.attachment.${choice}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="search-author">{t('search.author')}</label>
        <select id="search-author" class="input" value={props.state.author} onChange={(event) => props.onChange({ author: pick(event.currentTarget.value, AUTHOR_KINDS) })} data-testid="search-author">
          <option value="">{t('search.any')}</option>
          <For each={AUTHOR_KINDS}>{(kind) => <option value={kind}>{t(`search.author.${kind}`)}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="search-sort">{t('search.sort')}</label>
        <select id="search-sort" class="input" value={props.state.sort} onChange={(event) => props.onChange({ sort: pick(event.currentTarget.value, SEARCH_SORTS) || 'newest' })} data-testid="search-sort">
          <For each={SEARCH_SORTS}>{(sort) => <option value={sort}>{t(`search.sort.${sort}`)}</option>}</For>
        </select>
      </div>
      <Show when={can('messages.history')}>
        <label class="search-check">
          <input type="checkbox" checked={props.state.includeDeleted} onChange={(event) => props.onChange({ includeDeleted: event.currentTarget.checked })} data-testid="search-deleted" />
          {t('search.includeDeleted')}
        </label>
      </Show>
      <Show when={filterCount(props.state) > 0}>
        <button type="button" class="button small search-clear" onClick={clear} data-testid="search-clear-filters">
          {t('search.clearFilters')}
        </button>
      </Show>
    </fieldset>
  );
}
