// Attachments: upload with type, size and quota limits, binding to the message that carries them
// (within the grace period), and download only for those who may see that message (a deleted
// one's only with the history permission).
import { attachmentTypes, SmartchatError, type Attachment, type AttachmentType, type Identity, type MessageKind } from '@smartchat/contracts';
import { canSeeMessageKind, canViewMessageHistory, messageActorOf } from '@smartchat/core';
import { inTransaction, type Logger, type PgPool } from '@smartchat/platform';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AccessStore } from '../access/access-store.js';
import type { MessageStore } from '../store/messages.js';
import type { BlobStore } from './blob-store.js';
import { AllowanceExceeded, IncomingFile } from './incoming-file.js';
import type { Uploader, UploadQuota } from './upload-quota.js';

const uploaderOf = (identity: Identity): Uploader =>
  identity.type === 'agent' ? { key: `agent:${identity.agentId}`, type: 'agent' } : { key: `customer:${identity.customerId}`, type: 'customer' };

export interface UploadInput {
  conversationId: string;
  name: string;
  contentType: string;
  /** The Content-Length, when the request has one: checked before a byte is read. */
  declaredBytes: number | undefined;
  body: AsyncIterable<Buffer | string>;
}

export interface AttachmentServiceOptions {
  pg: PgPool;
  blobs: BlobStore;
  access: AccessStore;
  messages: Pick<MessageStore, 'get'>;
  quota: UploadQuota;
  logger: Logger;
  maxBytes: number;
  /** An upload no message took within this long is gone: it cannot be sent, downloaded or counted, and the sweep deletes it. */
  graceMs: number;
}

export function cleanFileName(name: string): string {
  // No paths, no control or bidi characters; the name is shown to people and sent in a header.
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point here
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}

export class AttachmentService {
  constructor(private readonly options: AttachmentServiceOptions) {}

  /**
   * Everything that can be checked without the body (visibility, type, declared size, quota) is
   * checked before a byte is read; the bytes then go straight to the blob store, cut off at the
   * first one over the allowance. A refused or failed upload leaves no file and does not count.
   */
  async upload(identity: Identity, input: UploadInput): Promise<Attachment> {
    const { blobs, quota, maxBytes } = this.options;
    if (!(await this.options.access.visibleConversation(identity, input.conversationId))) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const contentType = input.contentType.split(';')[0]!.trim().toLowerCase();
    const allowed = attachmentTypes[contentType as AttachmentType];
    if (!allowed) throw new SmartchatError('SC_ERR_ATTACHMENT_TYPE', undefined, { contentType, allowed: Object.keys(attachmentTypes) });
    if (input.declaredBytes === 0) throw new SmartchatError('SC_ERR_VALIDATION', 'The file is empty');
    if (input.declaredBytes !== undefined && input.declaredBytes > maxBytes) throw new SmartchatError('SC_ERR_ATTACHMENT_TOO_LARGE', undefined, { maxBytes });

    const uploader = uploaderOf(identity);
    const id = randomUUID();
    const reservation = await quota.reserve(uploader, id, input.declaredBytes);
    const file = new IncomingFile({ contentType, image: allowed.image, allowance: reservation.allowance });
    const attachment = { id, name: cleanFileName(input.name), contentType, size: 0 };
    try {
      await blobs.write(id, file.read(input.body));
      attachment.size = file.size;
      const stored = await inTransaction(this.options.pg, async (client) => {
        if (!(await quota.complete(client, id, file.size))) return false;
        await client.query(
          'INSERT INTO attachments (id, conversation_id, uploaded_by, name, content_type, size, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [id, input.conversationId, uploader.key, attachment.name, contentType, file.size, file.sha256()],
        );
        return true;
      });
      if (!stored) throw new SmartchatError('SC_ERR_UNAVAILABLE', 'The upload took longer than the grace period and was abandoned; upload the file again');
    } catch (error) {
      await this.discard(id);
      if (!(error instanceof AllowanceExceeded)) throw error;
      if (reservation.boundBy === 'file_size') throw new SmartchatError('SC_ERR_ATTACHMENT_TOO_LARGE', undefined, { maxBytes });
      throw await quota.refusalAfterOverflow(uploader, id, reservation.boundBy, error.received);
    }
    return attachment;
  }

  /**
   * A failed upload: its file first, then its reservation. Whatever is left when this fails (the
   * database away) is an upload still 'uploading', which the sweep deletes after the grace period.
   */
  private async discard(id: string): Promise<void> {
    try {
      await this.options.blobs.delete(id);
      await this.options.quota.release(id);
    } catch (error) {
      this.options.logger.warn({ err: error, attachmentId: id }, 'a failed upload could not be cleaned up; the attachment sweep will');
    }
  }

  /**
   * Binds uploaded attachments to the message that carries them. Idempotent for the same message
   * (a retried send), refused for attachments of another conversation, uploader or message, and
   * for uploads past the grace period. The sweep deletes only rows still unbound (a conditional
   * DELETE), so whichever of the two takes the row first wins: a message never carries a file that
   * the sweep deletes.
   */
  async claim(identity: Identity, conversationId: string, ids: string[], message: { id: string; kind: MessageKind }): Promise<Attachment[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const { rows } = await this.options.pg.query<{ id: string; name: string; content_type: string; size: number }>(
      `UPDATE attachments SET message_id = $4, message_kind = $5
       WHERE id = ANY($1::uuid[]) AND conversation_id = $2 AND uploaded_by = $3
         AND (message_id = $4 OR (message_id IS NULL AND created_at > now() - make_interval(secs => $6::float8 / 1000)))
       RETURNING id, name, content_type, size`,
      [unique, conversationId, uploaderOf(identity).key, message.id, message.kind, this.options.graceMs],
    );
    if (rows.length !== unique.length) {
      const found = new Set(rows.map((row) => row.id));
      throw new SmartchatError('SC_ERR_VALIDATION', 'Unknown attachment', unique.filter((id) => !found.has(id)).map((id) => ({ path: 'attachments', message: `no attachment ${id} of yours in this conversation` })));
    }
    const byId = new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, contentType: row.content_type, size: row.size }]));
    return unique.map((id) => byId.get(id)!);
  }

  /**
   * The bytes, for someone who may see the message that carries them (or who uploaded them). Once
   * that message is deleted, like its text, only for agents with messages.history; restored, as before.
   */
  async open(identity: Identity, attachmentId: string): Promise<{ attachment: Attachment; stream: Readable }> {
    const { rows } = await this.options.pg.query<{ conversation_id: string; uploaded_by: string; name: string; content_type: string; size: number; message_id: string | null; message_kind: MessageKind | null; expired: boolean }>(
      `SELECT conversation_id, uploaded_by, name, content_type, size, message_id, message_kind,
              message_id IS NULL AND created_at <= now() - make_interval(secs => $2::float8 / 1000) AS expired
       FROM attachments WHERE id = $1`,
      [attachmentId, this.options.graceMs],
    );
    const row = rows[0];
    const conversation = row && (await this.options.access.visibleConversation(identity, row.conversation_id));
    // An upload no message took is its uploader's alone, until the grace period ends.
    const visible = row && conversation && (row.message_kind ? canSeeMessageKind(conversation.viewer, row.message_kind) : row.uploaded_by === uploaderOf(identity).key && !row.expired);
    if (!visible) throw new SmartchatError('SC_ERR_NOT_FOUND', 'Attachment not found');
    if (row.message_id && !canViewMessageHistory(messageActorOf(conversation.viewer))) {
      // A message still on its way to the store cannot have been deleted yet.
      const message = await this.options.messages.get(row.conversation_id, row.message_id);
      if (message?.deleted) throw new SmartchatError('SC_ERR_NOT_FOUND', 'Attachment not found');
    }
    const stream = await this.options.blobs.open(attachmentId);
    if (!stream) throw new SmartchatError('SC_ERR_NOT_FOUND', 'Attachment not found');
    return { attachment: { id: attachmentId, name: row.name, contentType: row.content_type, size: row.size }, stream };
  }
}
