// How much each uploader may upload: bytes per rolling hour and day, and uploads not yet taken by
// a message. An upload reserves its bytes before its body is read, under a per-uploader lock, so
// parallel uploads through any number of chat processes cannot together pass a limit; a refused
// or failed upload gives its reservation back.
import { SmartchatError } from '@smartchat/contracts';
import { inTransaction, type PgPool } from '@smartchat/platform';
import type pg from 'pg';

export interface UploadLimits {
  bytesPerHour: number;
  bytesPerDay: number;
  /** Uploads not yet taken by a message (nor past the grace period), in flight ones included. */
  pendingUploads: number;
}

export interface Uploader {
  /** 'agent:<id>' or 'customer:<id>', as attachments.uploaded_by. */
  key: string;
  type: 'agent' | 'customer';
}

export type QuotaName = 'bytes_per_hour' | 'bytes_per_day' | 'pending_uploads';

/** `details` of SC_ERR_ATTACHMENT_QUOTA. */
export interface QuotaRefusalDetails {
  quota: QuotaName;
  limit: number;
  /** What counts against the limit now (bytes, or pending uploads). */
  used: number;
  /** What this upload needed: its Content-Length (1 byte when it had none; what had arrived when one without was cut off), or 1 upload. */
  requested: number;
  /** When enough of what counts has aged out for this upload to fit; null when it never will (a file larger than the limit). */
  retryAfterSeconds: number | null;
}

/** What an upload let in may take, and which limit set that. */
export interface Reservation {
  allowance: number;
  boundBy: 'file_size' | 'bytes_per_hour' | 'bytes_per_day';
}

const WINDOW_SECONDS = { bytes_per_hour: 3600, bytes_per_day: 86_400 } as const;
// pg_advisory_xact_lock(space, hashtext(uploader)): one lock per uploader, apart from other locks.
const QUOTA_LOCK_SPACE = 72_417_102;

const limitOf = (limits: UploadLimits, quota: QuotaName) =>
  quota === 'bytes_per_hour' ? limits.bytesPerHour : quota === 'bytes_per_day' ? limits.bytesPerDay : limits.pendingUploads;

export class UploadQuota {
  constructor(private readonly options: { pg: PgPool; limits: Record<Uploader['type'], UploadLimits>; graceMs: number; maxBytes: number; refused?: (quota: QuotaName) => void }) {}

  /**
   * Lets upload `id` in, or throws SC_ERR_ATTACHMENT_QUOTA. With a Content-Length the upload
   * reserves exactly that; without one, what is left of both byte windows (at most the file limit).
   */
  async reserve(uploader: Uploader, id: string, declaredBytes: number | undefined): Promise<Reservation> {
    const limits = this.options.limits[uploader.type];
    return inTransaction(this.options.pg, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [QUOTA_LOCK_SPACE, uploader.key]);
      const usage = await this.usage(client, uploader.key);
      if (usage.pending + 1 > limits.pendingUploads) throw await this.refusal(client, uploader, 'pending_uploads', usage.pending, 1);
      const requested = declaredBytes ?? 1;
      for (const quota of ['bytes_per_hour', 'bytes_per_day'] as const) {
        const used = quota === 'bytes_per_hour' ? usage.hour : usage.day;
        if (used + requested > limitOf(limits, quota)) throw await this.refusal(client, uploader, quota, used, requested);
      }
      const left = { bytes_per_hour: limits.bytesPerHour - usage.hour, bytes_per_day: limits.bytesPerDay - usage.day };
      const reservation: Reservation =
        declaredBytes !== undefined
          ? { allowance: declaredBytes, boundBy: 'file_size' }
          : left.bytes_per_hour < Math.min(this.options.maxBytes, left.bytes_per_day)
            ? { allowance: left.bytes_per_hour, boundBy: 'bytes_per_hour' }
            : left.bytes_per_day < this.options.maxBytes
              ? { allowance: left.bytes_per_day, boundBy: 'bytes_per_day' }
              : { allowance: this.options.maxBytes, boundBy: 'file_size' };
      await client.query('INSERT INTO attachment_uploads (id, uploaded_by, bytes) VALUES ($1, $2, $3)', [id, uploader.key, reservation.allowance]);
      return reservation;
    });
  }

  /**
   * The refusal for an upload without a Content-Length that ran past what its quota left: its
   * reservation is given back first, and the answer says when `requested` bytes would fit.
   */
  async refusalAfterOverflow(uploader: Uploader, id: string, quota: 'bytes_per_hour' | 'bytes_per_day', requested: number): Promise<SmartchatError> {
    await this.release(id);
    const client = await this.options.pg.connect();
    try {
      const usage = await this.usage(client, uploader.key);
      return await this.refusal(client, uploader, quota, quota === 'bytes_per_hour' ? usage.hour : usage.day, requested);
    } finally {
      client.release();
    }
  }

  /** Within the transaction that stores the attachment: the reservation becomes the file's size. False when the upload was abandoned meanwhile (the sweep took its reservation). */
  async complete(client: pg.PoolClient, id: string, size: number): Promise<boolean> {
    const { rowCount } = await client.query("UPDATE attachment_uploads SET bytes = $2, state = 'stored' WHERE id = $1 AND state = 'uploading'", [id, size]);
    return rowCount === 1;
  }

  /** A refused or failed upload does not count. */
  async release(id: string): Promise<void> {
    await this.options.pg.query("DELETE FROM attachment_uploads WHERE id = $1 AND state = 'uploading'", [id]);
  }

  private async usage(client: pg.PoolClient, uploader: string): Promise<{ hour: number; day: number; pending: number }> {
    const { rows } = await client.query<{ hour: string; day: string; pending: number }>(
      `SELECT sent.hour, sent.day,
         (SELECT count(*) FROM attachment_uploads WHERE uploaded_by = $1 AND state = 'uploading' AND created_at > now() - make_interval(secs => $2::float8 / 1000))::int
           + (SELECT count(*) FROM attachments WHERE uploaded_by = $1 AND message_id IS NULL AND created_at > now() - make_interval(secs => $2::float8 / 1000))::int AS pending
       FROM (SELECT coalesce(sum(bytes) FILTER (WHERE created_at > now() - interval '1 hour'), 0) AS hour, coalesce(sum(bytes), 0) AS day
             FROM attachment_uploads WHERE uploaded_by = $1 AND created_at > now() - interval '1 day') AS sent`,
      [uploader, this.options.graceMs],
    );
    const row = rows[0]!;
    return { hour: Number(row.hour), day: Number(row.day), pending: row.pending };
  }

  private async refusal(client: pg.PoolClient, uploader: Uploader, quota: QuotaName, used: number, requested: number): Promise<SmartchatError> {
    const limit = limitOf(this.options.limits[uploader.type], quota);
    const retryAfterSeconds = requested > limit ? null : quota === 'pending_uploads' ? await this.pendingAgesOut(client, uploader.key, used + requested - limit) : await this.bytesAgeOut(client, uploader.key, WINDOW_SECONDS[quota], used + requested - limit);
    this.options.refused?.(quota);
    const details: QuotaRefusalDetails = { quota, limit, used, requested, retryAfterSeconds };
    const what = quota === 'pending_uploads' ? `${limit} uploads not yet sent with a message` : `${limit} bytes per ${quota === 'bytes_per_hour' ? 'hour' : 'day'}`;
    return new SmartchatError('SC_ERR_ATTACHMENT_QUOTA', `Upload quota reached: ${what}`, details);
  }

  /** Seconds until the oldest uploads leave the window with at least `excess` bytes between them. */
  private async bytesAgeOut(client: pg.PoolClient, uploader: string, windowSeconds: number, excess: number): Promise<number | null> {
    const { rows } = await client.query<{ seconds: number }>(
      `SELECT greatest(1, ceil(extract(epoch FROM created_at + make_interval(secs => $2::float8) - now())))::int AS seconds
       FROM (SELECT created_at, sum(bytes) OVER (ORDER BY created_at, id) AS freed
             FROM attachment_uploads WHERE uploaded_by = $1 AND created_at > now() - make_interval(secs => $2::float8)) AS aging
       WHERE freed >= $3
       ORDER BY created_at LIMIT 1`,
      [uploader, windowSeconds, excess],
    );
    return rows[0]?.seconds ?? null;
  }

  /** Seconds until enough of the oldest pending uploads pass the grace period (and stop counting) to leave room for one more. */
  private async pendingAgesOut(client: pg.PoolClient, uploader: string, excess: number): Promise<number | null> {
    const { rows } = await client.query<{ seconds: number }>(
      `SELECT greatest(1, ceil(extract(epoch FROM created_at + make_interval(secs => $2::float8 / 1000) - now())))::int AS seconds
       FROM (SELECT created_at FROM attachment_uploads WHERE uploaded_by = $1 AND state = 'uploading' AND created_at > now() - make_interval(secs => $2::float8 / 1000)
             UNION ALL
             SELECT created_at FROM attachments WHERE uploaded_by = $1 AND message_id IS NULL AND created_at > now() - make_interval(secs => $2::float8 / 1000)) AS pending
       ORDER BY created_at OFFSET $3 LIMIT 1`,
      [uploader, this.options.graceMs, excess - 1],
    );
    return rows[0]?.seconds ?? null;
  }
}
