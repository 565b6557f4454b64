export interface TimeRange {
    from: Date;
    to: Date;
}
/** Go's time.RFC3339Nano in UTC, as Grafana's backend formats range ends: the fraction without
 *  trailing zeros, and none at all on a whole second (2026-11-01T00:00:00Z, …T23:59:59.999Z). */
export declare function formatRfc3339Nano(instant: Date): string;
/** An interval such as 15s, 1h or 1d (Grafana's gtime.ParseInterval, without months and years), in ms. */
export declare function parseInterval(text: string): number;
