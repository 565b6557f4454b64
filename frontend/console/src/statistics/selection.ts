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
  /** Each filter keeps any of its values (none chosen: all in the viewer's scope). */
  teamIds: string[];
  agentIds: string[];
  channels: Channel[];
  topics: string[];
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

/**
 * A filter's values in one query key, comma-separated (a topic's own commas escaped as %2C):
 * `team=<id>,<id>`. Unreadable values are dropped, repeats kept once.
 */
function readList(value: string | undefined, keep: (item: string) => string | null): string[] {
  if (!value) return [];
  const items = value.split(',').flatMap((item) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(item).trim();
    } catch {
      return [];
    }
    const kept = decoded ? keep(decoded) : null;
    return kept === null ? [] : [kept];
  });
  return [...new Set(items)];
}

function writeList(items: readonly string[]): string | undefined {
  return items.length === 0 ? undefined : items.map((item) => item.replaceAll('%', '%25').replaceAll(',', '%2C')).join(',');
}

const uuidOf = (item: string) => (UUID.test(item) ? item.toLowerCase() : null);
const channelOf = (item: string) => ((CUSTOMER_CHANNELS as readonly string[]).includes(item) ? item : null);

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
    teamIds: readList(query.team, uuidOf),
    agentIds: readList(query.agent, uuidOf),
    channels: readList(query.channel, channelOf) as Channel[],
    topics: readList(query.topic, (item) => item),
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
    team: writeList(selection.teamIds),
    agent: writeList(selection.agentIds),
    channel: writeList(selection.channels),
    topic: writeList(selection.topics),
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
    teamIds: selection.teamIds.length ? [...selection.teamIds] : undefined,
    agentIds: selection.agentIds.length ? [...selection.agentIds] : undefined,
    channels: selection.channels.length ? [...selection.channels] : undefined,
    topics: selection.topics.length ? [...selection.topics] : undefined,
    internal: selection.internal,
  };
}
