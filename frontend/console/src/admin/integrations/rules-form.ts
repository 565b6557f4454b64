// The rules editor's list, kept apart from the view so that it is unit-tested: rules as the form
// holds them (every field a plain value), moving and removing one, and
// the body of PUT /v1/integrations/rules (the first problem found, named by the rule's number,
// before anything is sent). The order is the meaning: the first rule that matches applies.
import { TRIP_EVENT_TYPES, tripChangeFields, type TripEventType, type TripRule } from '@smartchat/contracts';

export const EVENT_TYPES: readonly TripEventType[] = TRIP_EVENT_TYPES;
export type TripChangeField = (typeof tripChangeFields)[number];
export const CHANGE_FIELDS: readonly TripChangeField[] = tripChangeFields;

export interface RuleDraft {
  eventType: TripEventType;
  /** '' for any change; only trip.changed has one. */
  change: TripChangeField | '';
  notifyCustomer: boolean;
  topic: string;
  /** '' for "by topic". */
  teamId: string;
}

export function draftOf(rule: TripRule): RuleDraft {
  return { eventType: rule.eventType, change: rule.change ?? '', notifyCustomer: rule.notifyCustomer, topic: rule.topic, teamId: rule.teamId ?? '' };
}

/** A new rule at the end: a trip change the customer is told about. */
export function newRule(): RuleDraft {
  return { eventType: 'trip.changed', change: '', notifyCustomer: true, topic: '', teamId: '' };
}

/** The list with the rule at `index` moved by `by` places (a move past either end changes nothing). */
export function moveRule<T>(rules: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || index >= rules.length || target < 0 || target >= rules.length) return [...rules];
  const next = [...rules];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

export function removeRule<T>(rules: readonly T[], index: number): T[] {
  return rules.filter((_rule, position) => position !== index);
}

export function isEventType(value: string): value is TripEventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

export function isChangeField(value: string): value is TripChangeField {
  return (CHANGE_FIELDS as readonly string[]).includes(value);
}

/** The rule as the API takes it: a change only for trip.changed, the topic trimmed, no team for "by topic". */
export function ruleOf(draft: RuleDraft): TripRule {
  const change = draft.eventType === 'trip.changed' && draft.change ? { change: draft.change } : {};
  const team = draft.teamId ? { teamId: draft.teamId } : {};
  return { eventType: draft.eventType, ...change, notifyCustomer: draft.notifyCustomer, topic: draft.topic.trim(), ...team };
}

export type RulesBodyResult = { rules: TripRule[] } | { problem: 'topicRequired'; number: number };

export function rulesBody(drafts: readonly RuleDraft[]): RulesBodyResult {
  const blank = drafts.findIndex((draft) => !draft.topic.trim());
  if (blank >= 0) return { problem: 'topicRequired', number: blank + 1 };
  return { rules: drafts.map(ruleOf) };
}

/** Whether the form differs from what the server holds (order included). */
export function rulesChanged(drafts: readonly RuleDraft[], saved: readonly TripRule[]): boolean {
  if (drafts.length !== saved.length) return true;
  return drafts.some((draft, index) => JSON.stringify(ruleOf(draft)) !== JSON.stringify(normalised(saved[index]!)));
}

function normalised(rule: TripRule): TripRule {
  return ruleOf(draftOf(rule));
}
