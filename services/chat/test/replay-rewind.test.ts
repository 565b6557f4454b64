// After a lost subscription the first catch-up of each conversation reads from before the gap
// (gateway/replay.ts), once; other catch-ups go on from the client's last-seen id.
import cassandra from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { REWIND_MARGIN_MS, REWIND_TTL_MS, replayStart, rewindAfterGap } from '../src/gateway/replay.js';

const { TimeUuid } = cassandra.types;
const idAt = (iso: string) => TimeUuid.fromDate(new Date(iso), 0).toString();
const timeOf = (id: string) => TimeUuid.fromString(id).getDate().toISOString();

describe('the catch-up after a resync', () => {
  const gapStart = new Date('2026-12-07T10:00:00Z');
  const now = gapStart.getTime() + 5_000;

  it('starts a minute before the gap for a client whose newest message is later, once per conversation', () => {
    const rewind = rewindAfterGap(gapStart, now);
    const newest = idAt('2026-12-07T10:00:04Z');
    const start = replayStart(rewind, 'c1', newest, now);
    expect(timeOf(start)).toBe(new Date(gapStart.getTime() - REWIND_MARGIN_MS).toISOString());
    // The same conversation again (the replay's `more`, another join): from where the client is.
    expect(replayStart(rewind, 'c1', newest, now)).toBe(newest);
    // Another conversation has its own first catch-up.
    expect(timeOf(replayStart(rewind, 'c2', newest, now))).toBe('2026-12-07T09:59:00.000Z');
  });

  it('keeps an older last-seen id, and does nothing without a resync or after the rewind expired', () => {
    const older = idAt('2026-12-07T09:30:00Z');
    expect(replayStart(rewindAfterGap(gapStart, now), 'c1', older, now)).toBe(older);
    const newest = idAt('2026-12-07T10:00:04Z');
    expect(replayStart(undefined, 'c1', newest, now)).toBe(newest);
    expect(replayStart(rewindAfterGap(gapStart, now), 'c1', newest, now + REWIND_TTL_MS + 1)).toBe(newest);
  });
});
