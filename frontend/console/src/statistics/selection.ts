// What the Statistics page shows, kept in the URL's query (so a reload or a shared link shows the
// same figures): the period (a preset or a custom pair of days), the time zone, the filters, the
// customer/internal switch and calendar or business time for durations.
import type { Conversation } from '@smartchat/contracts';
import { isTimeZone, type TimeZone } from '@smartchat/contracts/time-zones';
import type { StatisticsParams } from './api.js';
import { checkCustomRange, isPreset, presetRange, todayIn, type DayRange, type Preset } from './range.js';

export interface Selection {
  preset: Preset;
  range: DayRange;
  /** The zone asked for in the URL when the API does not take it (the page says so). */
  unknownZone: string | null;
  /** One of the zones the API takes (its TimeZone list). */
  zone: TimeZone;
  teamId: string | null;
  agentId: string | null;
  channel: Channel | null;
  topic: string | null;
  internal: boolean;
  business: boolean;
}

/** The query keys, short so that links stay readable. */
export type SelectionQuery = Partial<Record<'preset' | 'from' | 'to' | 'tz' | 'team' | 'agent' | 'channel' | 'topic' | 'internal' | 'hours', string>>;

export type Channel = Conversation['channel'];
/** Every channel (the record makes a new one a compile error here); `internal` has its own switch. */
const CHANNEL_NAMES: Record<Channel, true> = { widget: true, email: true, api: true, internal: true };
export const CUSTOMER_CHANNELS = (Object.keys(CHANNEL_NAMES) as Channel[]).filter((channel) => channel !== 'internal');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The selection a URL query describes; `defaultZone` is the viewer's own. */
export function readSelection(query: SelectionQuery, defaultZone: TimeZone, now = new Date()): Selection {
  const asked = query.tz?.trim();
  const zone = asked && isTimeZone(asked) ? asked : defaultZone;
  const today = todayIn(zone, now);
  const custom = query.preset === 'custom' ? checkCustomRange(query.from ?? '', query.to ?? '') : null;
  const preset: Preset = custom && 'range' in custom ? 'custom' : isPreset(query.preset) && query.preset !== 'custom' ? query.preset : '30d';
  const range = custom && 'range' in custom ? custom.range : presetRange(preset === 'custom' ? '30d' : preset, today);
  return {
    preset,
    range,
    unknownZone: asked && asked !== zone ? asked : null,
    zone,
    teamId: query.team && UUID.test(query.team) ? query.team.toLowerCase() : null,
    agentId: query.agent && UUID.test(query.agent) ? query.agent.toLowerCase() : null,
    channel: (CUSTOMER_CHANNELS as readonly string[]).includes(query.channel ?? '') ? (query.channel as Channel) : null,
    topic: query.topic?.trim() ? query.topic.trim() : null,
    internal: query.internal === '1',
    business: query.hours === 'business',
  };
}

/** The viewer's zone: their profile's, else the browser's, when the API takes it; else UTC. */
export function viewerZone(profileZone: string | null | undefined, browserZone: string): TimeZone {
  if (profileZone && isTimeZone(profileZone)) return profileZone;
  return isTimeZone(browserZone) ? browserZone : 'UTC';
}

/** The URL query for a change of the selection (undefined removes a key). */
export function selectionQuery(selection: Selection, defaultZone: TimeZone): Record<keyof SelectionQuery, string | undefined> {
  return {
    preset: selection.preset === '30d' ? undefined : selection.preset,
    from: selection.preset === 'custom' ? selection.range.from : undefined,
    to: selection.preset === 'custom' ? selection.range.to : undefined,
    tz: selection.zone === defaultZone ? undefined : selection.zone,
    team: selection.teamId ?? undefined,
    agent: selection.agentId ?? undefined,
    channel: selection.channel ?? undefined,
    topic: selection.topic ?? undefined,
    internal: selection.internal ? '1' : undefined,
    hours: selection.business ? 'business' : undefined,
  };
}

/** The API's parameters for a selection. */
export function statisticsParams(selection: Selection): StatisticsParams {
  return {
    from: selection.range.from,
    to: selection.range.to,
    timeZone: selection.zone,
    teamIds: selection.teamId ? [selection.teamId] : undefined,
    agentIds: selection.agentId ? [selection.agentId] : undefined,
    channels: selection.channel ? [selection.channel] : undefined,
    topics: selection.topic ? [selection.topic] : undefined,
    internal: selection.internal,
  };
}
