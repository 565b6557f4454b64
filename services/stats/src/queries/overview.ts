// Overview cards and time series: any metric of the catalogue over a slice, for the range and for
// the range of as many days before it (the trend), or per local calendar bucket.
import type { Figure, StatisticsInterval } from '@smartchat/contracts';
import { metricDefinitions, type MetricDefinition } from '../metrics/definitions.js';
import { figuresOf } from './figures.js';
import { bucketsOf, type StatisticsRange } from './range.js';
import type { Queryable, StatisticsSlice } from './slice.js';

export interface MetricFigures {
  metric: string;
  current: Figure;
  previous: Figure;
}

/** Every metric of `metrics` (default: the whole catalogue, in its order) over `slice` and over `previous` (the same filters, another span). */
export async function overviewFigures(db: Queryable, slice: StatisticsSlice, previous: StatisticsSlice, metrics: readonly MetricDefinition[] = metricDefinitions): Promise<MetricFigures[]> {
  const aggregations = metrics.map((metric) => metric.aggregation);
  const [now, before] = await Promise.all([figuresOf(db, aggregations, slice), figuresOf(db, aggregations, previous)]);
  return metrics.map((metric) => ({ metric: metric.id, current: now.figure('', metric.aggregation), previous: before.figure('', metric.aggregation) }));
}

/** Each metric of `metrics` over `slice`, by metric id. */
export async function metricFigures(db: Queryable, slice: StatisticsSlice, metrics: readonly MetricDefinition[] = metricDefinitions): Promise<Map<string, Figure>> {
  const figures = await figuresOf(db, metrics.map((metric) => metric.aggregation), slice);
  return new Map(metrics.map((metric) => [metric.id, figures.figure('', metric.aggregation)]));
}

export interface SeriesBucket {
  label: string;
  start: Date;
  figure: Figure;
}

/**
 * `metric` per bucket of `interval` in the range's zone, every bucket of the range (empty ones
 * with n 0). The slice's span must be the range's.
 */
export async function seriesFigures(db: Queryable, slice: StatisticsSlice, range: StatisticsRange, metric: MetricDefinition, interval: StatisticsInterval): Promise<SeriesBucket[]> {
  const buckets = bucketsOf(range, interval);
  const figures = await figuresOf(db, [metric.aggregation], slice, { by: 'bucket', interval, buckets });
  return buckets.map((bucket) => ({ label: bucket.label, start: bucket.start, figure: figures.figure(bucket.key, metric.aggregation) }));
}
