// Per-second counters of the load: sent, delivered (to the other party), errors, and a latency
// histogram of the messages delivered in each second.
import type { TimelinePoint } from '../protocol.js';
import { LogHistogram } from '../stats.js';

export class Timeline {
  private readonly sent: number[] = [];
  private readonly delivered: number[] = [];
  private readonly errors: number[] = [];
  private readonly latency: (LogHistogram | undefined)[] = [];

  private static second(nowMs: number): number {
    return Math.max(0, Math.floor(nowMs / 1000));
  }

  private static bump(series: number[], second: number): void {
    while (series.length <= second) series.push(0);
    series[second]! += 1;
  }

  recordSent(nowMs: number): void {
    Timeline.bump(this.sent, Timeline.second(nowMs));
  }

  recordDelivered(nowMs: number, latencyMs: number): void {
    const second = Timeline.second(nowMs);
    Timeline.bump(this.delivered, second);
    const histogram = (this.latency[second] ??= new LogHistogram());
    histogram.record(latencyMs);
  }

  recordError(nowMs: number): void {
    Timeline.bump(this.errors, Timeline.second(nowMs));
  }

  points(untilMs: number): TimelinePoint[] {
    const seconds = Math.max(this.sent.length, this.delivered.length, this.errors.length, Math.ceil(untilMs / 1000));
    return Array.from({ length: seconds }, (_, t) => {
      const histogram = this.latency[t];
      return { t, sent: this.sent[t] ?? 0, delivered: this.delivered[t] ?? 0, p99: histogram ? histogram.percentile(0.99) : null, errors: this.errors[t] ?? 0 };
    });
  }
}
