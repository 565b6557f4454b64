// Attachments: upload with type and size limits, binding to the message that carries them, and
// download only for those who may see that message (a deleted one's only with the history permission).
import { attachmentTypes, SmartchatError, type Attachment, type AttachmentType, type Identity, type MessageKind } from '@smartchat/contracts';
import { canSeeMessageKind, canViewMessageHistory, messageActorOf } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';
import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AccessStore } from '../access/access-store.js';
import type { MessageStore } from '../store/messages.js';
import type { BlobStore } from './blob-store.js';

// The first bytes of each image type: an "image" whose bytes say otherwise (an HTML page, say)
// is refused, so nothing uploaded as a picture can be served as something else.
const IMAGE_SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  'image/gif': (bytes) => ['GIF87a', 'GIF89a'].includes(bytes.subarray(0, 6).toString('latin1')),
  'image/webp': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};

const uploaderOf = (identity: Identity) => (identity.type === 'agent' ? `agent:${identity.agentId}` : `customer:${identity.customerId}`);

export function cleanFileName(name: string): string {
  // No paths, no control or bidi characters; the name is shown to people and sent in a header.
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point here
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}

export class AttachmentService {
  constructor(private readonly options: { pg: PgPool; blobs: BlobStore; access: AccessStore; messages: Pick<MessageStore, 'get'>; maxBytes: number }) {}

  async upload(identity: Identity, input: { conversationId: string; name: string; contentType: string; bytes: Buffer }): Promise<Attachment> {
    if (!(await this.options.access.visibleConversation(identity, input.conversationId))) throw new SmartchatError('SC_ERR_CONVERSATION_NOT_FOUND');
    const contentType = input.contentType.split(';')[0]!.trim().toLowerCase();
    const allowed = attachmentTypes[contentType as AttachmentType];
    if (!allowed) throw new SmartchatError('SC_ERR_ATTACHMENT_TYPE', undefined, { contentType, allowed: Object.keys(attachmentTypes) });
    if (input.bytes.length === 0) throw new SmartchatError('SC_ERR_VALIDATION', 'The file is empty');
    if (input.bytes.length > this.options.maxBytes) throw new SmartchatError('SC_ERR_ATTACHMENT_TOO_LARGE', undefined, { maxBytes: this.options.maxBytes });
    if (allowed.image && !IMAGE_SIGNATURES[contentType]!(input.bytes)) throw new SmartchatError('SC_ERR_ATTACHMENT_TYPE', `The file is not a ${contentType} image`);

    const id = randomUUID();
    await this.options.blobs.put(id, input.bytes);
    const attachment = { id, name: cleanFileName(input.name), contentType, size: input.bytes.length };
    await this.options.pg.query(
      'INSERT INTO attachments (id, conversation_id, uploaded_by, name, content_type, size, sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, input.conversationId, uploaderOf(identity), attachment.name, contentType, attachment.size, createHash('sha256').update(input.bytes).digest('hex')],
    );
    return attachment;
  }

  /**
   * Binds uploaded attachments to the message that carries them. Idempotent for the same message
   * (a retried send), refused for attachments of another conversation, uploader or message.
   */
  async claim(identity: Identity, conversationId: string, ids: string[], message: { id: string; kind: MessageKind }): Promise<Attachment[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const { rows } = await this.options.pg.query<{ id: string; name: string; content_type: string; size: number }>(
      `UPDATE attachments SET message_id = $4, message_kind = $5
       WHERE id = ANY($1::uuid[]) AND conversation_id = $2 AND uploaded_by = $3 AND (message_id IS NULL OR message_id = $4)
       RETURNING id, name, content_type, size`,
      [unique, conversationId, uploaderOf(identity), message.id, message.kind],
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
    const { rows } = await this.options.pg.query<{ conversation_id: string; uploaded_by: string; name: string; content_type: string; size: number; message_id: string | null; message_kind: MessageKind | null }>(
      'SELECT conversation_id, uploaded_by, name, content_type, size, message_id, message_kind FROM attachments WHERE id = $1',
      [attachmentId],
    );
    const row = rows[0];
    const conversation = row && (await this.options.access.visibleConversation(identity, row.conversation_id));
    const visible = row && conversation && (row.message_kind ? canSeeMessageKind(conversation.viewer, row.message_kind) : row.uploaded_by === uploaderOf(identity));
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
