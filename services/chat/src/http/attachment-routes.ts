// Upload (raw body, type from Content-Type, name from ?name=) and download of attachments.
import { attachmentSchema, attachmentTypes, SmartchatError } from '@smartchat/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AttachmentService } from '../attachments/attachment-service.js';
import { identityOf } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema, 413: errorResponseSchema, 415: errorResponseSchema, 429: errorResponseSchema };

export function registerAttachmentRoutes(app: FastifyInstance, deps: { attachments: AttachmentService; maxBytes: number }): void {
  void app.register(async (scope) => {
    // In this scope only: any content type arrives as raw bytes, up to the attachment limit. The
    // built-in parsers go first, or text/plain would arrive as a string and JSON as an object.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) => done(null, body));
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.post(
      '/v1/conversations/:id/attachments',
      {
        bodyLimit: deps.maxBytes,
        // A body over the limit is cut off while it arrives (or refused by its Content-Length) and
        // answered as a file too large, with the limit; anything else goes to the app's handler.
        errorHandler: (error) => {
          if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new SmartchatError('SC_ERR_ATTACHMENT_TOO_LARGE', undefined, { maxBytes: deps.maxBytes });
          throw error;
        },
        schema: {
          tags: ['attachments'],
          summary: `Upload a file (the request body, its type in Content-Type: ${Object.keys(attachmentTypes).join(', ')}); send its id with a message`,
          params: z.object({ id: z.uuid() }),
          querystring: z.object({ name: z.string().min(1).max(255) }),
          response: { 201: attachmentSchema, ...errors },
        },
      },
      async (request, reply) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const attachment = await deps.attachments.upload(identityOf(request), {
          conversationId: request.params.id,
          name: request.query.name,
          contentType: request.headers['content-type'] ?? '',
          bytes,
        });
        return reply.code(201).send(attachment);
      },
    );
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/attachments/:attachmentId',
    { schema: { tags: ['attachments'], summary: 'Download an attachment (only where its message may be seen)', params: z.object({ attachmentId: z.uuid() }) } },
    async (request, reply) => {
      const { attachment, stream } = await deps.attachments.open(identityOf(request), request.params.attachmentId);
      const image = attachmentTypes[attachment.contentType as keyof typeof attachmentTypes]?.image ?? false;
      return reply
        .header('content-type', attachment.contentType)
        .header('content-length', attachment.size)
        // Images show inline; everything else downloads. Never sniffed, never scripted.
        .header('content-disposition', `${image ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(stream);
    },
  );
}
