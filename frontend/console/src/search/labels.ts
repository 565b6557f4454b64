// The words for what search shows: a refusal, a count of matches, who a conversation is with, and a
// remembered search's filters in one line.
import type { InboxConversation } from '@smartchat/contracts';
import { i18n, t as consoleT } from '../i18n.js';
import { agentName, teamName } from '../state/session.js';
import { t } from './i18n.js';
import { describeSearchError, PREFIX_MIN, TERMS_MAX } from './search-errors.js';
import type { SearchState } from './search-state.js';
import { MATCH_COUNT_CAP, matchesCapped, pluralCategory } from './snippet.js';

/** A labelled parameter of GET /v1/search, for a validation error naming it. */
const FIELD_LABELS: Record<string, () => string> = {
  q: () => t('search.query'),
  teamId: () => t('search.team'),
  assigneeId: () => t('search.assignee'),
  channel: () => t('search.channel'),
  status: () => t('search.status'),
  from: () => t('search.from'),
  to: () => `${t('search.from')} … ${t('search.to')}`,
  hasAttachment: () => t('search.attachment'),
  author: () => t('search.author'),
  includeDeleted: () => t('search.includeDeleted'),
  sort: () => t('search.sort'),
};

export function searchErrorText(error: unknown): string {
  const described = describeSearchError(error);
  switch (described.kind) {
    case 'noTerms':
      return t('error.noTerms');
    case 'prefixTooShort':
      return t('error.prefixTooShort', { min: PREFIX_MIN });
    case 'tooManyTerms':
      return t('error.tooManyTerms', { max: TERMS_MAX });
    case 'invertedRange':
      return t('error.invertedRange');
    case 'unprocessable':
      return t('error.unprocessable', { message: described.message });
    case 'timeout':
      return t('error.timeout');
    case 'validation': {
      const fields = described.fields.map((field) => FIELD_LABELS[field]?.() ?? field);
      return fields.length ? t('error.validation', { fields: fields.join(', ') }) : t('error.validationUnknown');
    }
    case 'forbidden':
      return t('error.forbidden');
    case 'rateLimited':
      return t('error.rateLimited');
    case 'network':
      return t('error.network');
    case 'other':
      return t('error.other', { message: described.message });
  }
}

/** "3 совпадения", "1 match", "больше 100 совпадений". */
export function matchesText(count: number): string {
  if (matchesCapped(count)) return t('search.matchesCapped', { count: MATCH_COUNT_CAP });
  return t(`search.matches.${pluralCategory(count, i18n.locale())}`, { count });
}

/** Who the conversation is with: the customer, or the topic of an internal one. */
export function conversationName(conversation: InboxConversation): string {
  if (conversation.internal) return conversation.topic ?? t('search.internal');
  return conversation.customer?.name ?? conversation.customer?.email ?? t('search.noCustomer');
}

/** A remembered search's filters, named: "Команда: Поддержка · Статус: Закрыт". */
export function filtersSummary(state: SearchState): string {
  const parts: string[] = [];
  if (state.teamId) parts.push(`${t('search.team')}: ${teamName(state.teamId) ?? '—'}`);
  if (state.assigneeId) parts.push(`${t('search.assignee')}: ${agentName(state.assigneeId) ?? '—'}`);
  if (state.channel) parts.push(`${t('search.channel')}: ${consoleT(`channel.${state.channel}`)}`);
  if (state.status) parts.push(`${t('search.status')}: ${consoleT(`status.${state.status}`)}`);
  if (state.from || state.to) parts.push(`${t('search.from')} ${state.from || '…'} ${t('search.to')} ${state.to || '…'}`);
  if (state.attachment) parts.push(t(`search.attachment.${state.attachment}`));
  if (state.author) parts.push(`${t('search.author')}: ${t(`search.author.${state.author}`)}`);
  if (state.includeDeleted) parts.push(t('search.includeDeleted'));
  if (state.sort === 'relevance') parts.push(t('search.recent.sortRelevance'));
  return parts.join(' · ');
}
