// Deletes uploads that no message took within the grace period, and what uploads that never
// finished left behind. Every chat process runs it on a timer; a Postgres advisory lock lets one
// run at a time across processes. Rows go first, each moved into attachment_blob_deletions by the
// statement that deletes it; files are deleted from that list afterwards, so a file is never
// deleted while a row still points to it, and a crash in between leaves work, not litter.
import type { Logger, PgPool } from '@smartchat/platform';
import type pg from 'pg';
import type { AttachmentMetrics } from './attachment-metrics.js';
import type { BlobStore } from './blob-store.js';

export interface AttachmentSweepOptions {
  pg: PgPool;
  blobs: BlobStore;
  metrics: AttachmentMetrics;
  logger: Logger;
  /** An upload no message took for this long is deleted; so is an upload still unfinished after it. */
  graceMs: number;
  intervalMs: number;
  /** At most this many rows per step per run; what is left waits for the next run. */
  batch: number;
}

export interface SweepResult {
  unattached: number;
  abandoned: number;
  filesDeleted: number;
  bytesDeleted: number;
  /** Files whose deletion failed; they stay on the list and are tried again next run. */
  filesFailed: number;
  /** Quota records older than the longest quota window (a day), dropped. */
  recordsPruned: number;
}

// pg_try_advisory_lock(space, key): apart from the quota locks (same space, other keys are hashes).
const SWEEP_LOCK = [72_417_103, 1] as const;
// Files deleted at once: enough to keep the disk busy, few enough not to take every descriptor.
const DELETE_PARALLELISM = 16;

// One statement each: the row is deleted only if it is still unbound (or still unfinished) at the
// moment it is deleted. A message that took an upload a moment ago keeps it; an upload locked by a
// message taking it right now is skipped, and looked at again next run.
const DELETE_UNATTACHED = `
  WITH expired AS (
    DELETE FROM attachments
    WHERE id IN (SELECT id FROM attachments
                 WHERE message_id IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
                 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      AND message_id IS NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
    RETURNING id, size
  )
  INSERT INTO attachment_blob_deletions (id, bytes, reason) SELECT id, size, 'unattached' FROM expired
  ON CONFLICT (id) DO NOTHING`;

const DELETE_ABANDONED = `
  WITH abandoned AS (
    DELETE FROM attachment_uploads
    WHERE id IN (SELECT id FROM attachment_uploads
                 WHERE state = 'uploading' AND created_at < now() - make_interval(secs => $1::float8 / 1000)
                 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      AND state = 'uploading'
    RETURNING id
  )
  INSERT INTO attachment_blob_deletions (id, bytes, reason) SELECT id, 0, 'abandoned' FROM abandoned
  ON CONFLICT (id) DO NOTHING`;

const PRUNE_RECORDS = `
  DELETE FROM attachment_uploads
  WHERE id IN (SELECT id FROM attachment_uploads WHERE state = 'stored' AND created_at < now() - interval '1 day' ORDER BY created_at LIMIT $1)`;

export class AttachmentSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(private readonly options: AttachmentSweepOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One run, if no other process is sweeping; undefined when one is. */
  async runOnce(): Promise<SweepResult | undefined> {
    const { pg, metrics, logger } = this.options;
    const client = await pg.connect().catch((error: unknown) => {
      metrics.sweepRuns.inc({ outcome: 'failed' });
      throw error;
    });
    let healthy = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [...SWEEP_LOCK]);
      if (!rows[0]!.locked) {
        healthy = true;
        metrics.sweepRuns.inc({ outcome: 'skipped' });
        return undefined;
      }
      const result = await this.sweep(client);
      await client.query('SELECT pg_advisory_unlock($1, $2)', [...SWEEP_LOCK]);
      healthy = true;
      metrics.sweepRuns.inc({ outcome: 'done' });
      metrics.sweepLastRun.set(Date.now() / 1000);
      const worthTelling = result.unattached + result.abandoned + result.filesDeleted + result.filesFailed > 0;
      logger[result.filesFailed > 0 ? 'warn' : worthTelling ? 'info' : 'debug']({ component: 'attachment-sweep', ...result }, 'attachment sweep done');
      return result;
    } catch (error) {
      metrics.sweepRuns.inc({ outcome: 'failed' });
      throw error;
    } finally {
      // A connection that failed mid-run is closed rather than pooled: closing it also frees the lock.
      client.release(!healthy);
    }
  }

  private async sweep(client: pg.PoolClient): Promise<SweepResult> {
    const { graceMs, batch, blobs, metrics, logger } = this.options;
    const unattached = (await client.query(DELETE_UNATTACHED, [graceMs, batch])).rowCount ?? 0;
    const abandoned = (await client.query(DELETE_ABANDONED, [graceMs, batch])).rowCount ?? 0;
    const recordsPruned = (await client.query(PRUNE_RECORDS, [batch])).rowCount ?? 0;

    const { rows } = await client.query<{ id: string; bytes: string; reason: 'unattached' | 'abandoned' }>(
      'SELECT id, bytes, reason FROM attachment_blob_deletions ORDER BY queued_at LIMIT $1',
      [batch],
    );
    const deleted: typeof rows = [];
    let filesFailed = 0;
    for (let start = 0; start < rows.length; start += DELETE_PARALLELISM) {
      await Promise.all(
        rows.slice(start, start + DELETE_PARALLELISM).map(async (row) => {
          try {
            await blobs.delete(row.id);
            deleted.push(row);
          } catch (error) {
            filesFailed += 1;
            logger.warn({ err: error, attachmentId: row.id, component: 'attachment-sweep' }, 'could not delete an attachment file; the next sweep tries again');
          }
        }),
      );
    }
    if (deleted.length > 0) await client.query('DELETE FROM attachment_blob_deletions WHERE id = ANY($1::uuid[])', [deleted.map((row) => row.id)]);
    let bytesDeleted = 0;
    for (const row of deleted) {
      metrics.sweepDeleted.inc({ reason: row.reason });
      bytesDeleted += Number(row.bytes);
    }
    metrics.sweepDeletedBytes.inc(bytesDeleted);
    return { unattached, abandoned, filesDeleted: deleted.length, bytesDeleted, filesFailed, recordsPruned };
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const run = this.runOnce().catch((error: unknown) => this.options.logger.error({ err: error, component: 'attachment-sweep' }, 'attachment sweep failed; the next one retries'));
      this.running = run;
      void run.finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.options.intervalMs);
    this.timer.unref();
  }
}
