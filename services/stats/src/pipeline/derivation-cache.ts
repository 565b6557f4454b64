// What this process last derived for each conversation: all of its raw events and the facts it
// wrote, with the subject's version (schema 0005) that the writing transaction gave. The next
// batch with new events of the conversation derives from these plus the new events, instead of
// reading every raw event and fact of the conversation from the store again, but only while the
// store's version is still the kept one: any other writer (another process after a rebalance, the
// rebuild, a change of business hours, a kept dead letter) raised it, and the conversation is read
// in full. Entries are put only after their transaction committed (put on commit, dropped on
// failure), so the kept facts are always what the store holds for that version.
//
// Bounded by the number of events kept; the least recently derived conversations go first. A
// conversation longer than the whole bound is not kept.
import type { DomainEvent } from '@smartchat/contracts';
import type { Fact } from '../metrics/fact.js';

export interface DerivedSubject {
  version: string;
  events: readonly DomainEvent[];
  facts: readonly Fact[];
}

export class DerivationCache {
  // A Map iterates in insertion order: deleting and setting again moves an entry to the end.
  private readonly entries = new Map<string, DerivedSubject>();
  private events = 0;
  hits = 0;
  misses = 0;

  /** At most this many events kept over all conversations; 0 keeps nothing. */
  constructor(readonly maxEvents: number) {}

  /** The kept derivation of `subjectId` when it is of `version`; anything else is forgotten. */
  take(subjectId: string, version: string | undefined): DerivedSubject | undefined {
    const entry = this.entries.get(subjectId);
    if (entry && entry.version === version) {
      this.hits += 1;
      return entry;
    }
    if (entry) this.forget([subjectId]);
    this.misses += 1;
    return undefined;
  }

  put(subjectId: string, entry: DerivedSubject): void {
    this.forget([subjectId]);
    if (entry.events.length > this.maxEvents) return;
    this.entries.set(subjectId, entry);
    this.events += entry.events.length;
    for (const [id, oldest] of this.entries) {
      if (this.events <= this.maxEvents) break;
      this.entries.delete(id);
      this.events -= oldest.events.length;
    }
  }

  forget(subjectIds: Iterable<string>): void {
    for (const id of subjectIds) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      this.entries.delete(id);
      this.events -= entry.events.length;
    }
  }

  get size(): { subjects: number; events: number } {
    return { subjects: this.entries.size, events: this.events };
  }
}

/** Derivations of one transaction, put into the cache once it committed. */
export class PendingDerivations {
  private readonly derived = new Map<string, DerivedSubject>();

  add(subjectId: string, entry: DerivedSubject): void {
    this.derived.set(subjectId, entry);
  }

  get subjects(): string[] {
    return [...this.derived.keys()];
  }

  commitTo(cache: DerivationCache): void {
    for (const [id, entry] of this.derived) cache.put(id, entry);
  }
}
