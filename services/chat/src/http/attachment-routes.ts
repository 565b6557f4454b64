// Upload (raw body, type from Content-Type, name from ?name=; read only once every check that
// needs no body has passed) and download of attachments.
import { attachmentSchema, attachmentTypes, SmartchatError } from '@smartchat/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { QuotaRefusalDetails } from '../attachments/upload-quota.js';
import { identityOf } from './auth-plugin.js';
import { errorResponseSchema } from './errors.js';

/** An upload: no such conversation (404), a type not allowed (415), a file over the limit (413), a quota (429). */
const uploadErrors = { 404: errorResponseSchema, 413: errorResponseSchema, 415: errorResponseSchema, 503: errorResponseSchema };
const allowedTypes = Object.keys(attachmentTypes);

/**
 * The upload's body, unread: the route reads it itself once everything that needs no body is
 * checked. A private field, so that nothing walking the parsed body (the NUL-character guard)
 * walks the request stream.
 */
class UnreadBody {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  get stream(): Readable {
    return this.#stream;
  }
}

/** The Content-Length of a body that has one (a chunked body has none). */
function declaredLength(headers: IncomingHttpHeaders): number | undefined {
  const value = headers['content-length'];
  if (headers['transfer-encoding'] !== undefined || value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

export function registerAttachmentRoutes(app: FastifyInstance, deps: { attachments: AttachmentService }): void {
  void app.register(async (scope) => {
    // In this scope only: any content type arrives unread, whatever its type. The built-in parsers
    // go first, or text/plain would arrive as a string and JSON as an object.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, new UnreadBody(payload)));
    const api = scope.withTypeProvider<ZodTypeProvider>();
    api.post(
      '/v1/conversations/:id/attachments',
      {
        config: { file: { takes: allowedTypes } },
        // A quota refusal says in Retry-After when the upload would fit (when waiting helps).
        errorHandler: (error, _request, reply) => {
          if (error instanceof SmartchatError && error.code === 'SC_ERR_ATTACHMENT_QUOTA') {
            const { retryAfterSeconds } = error.details as QuotaRefusalDetails;
            if (retryAfterSeconds !== null) void reply.header('retry-after', String(retryAfterSeconds));
          }
          throw error;
        },
        schema: {
          tags: ['attachments'],
          summary: `Upload a file (the request body, its type in Content-Type: ${allowedTypes.join(', ')}; an image's bytes must be of that type); send its id with a message`,
          params: z.object({ id: z.uuid() }),
          querystring: z.object({ name: z.string().min(1).max(255) }),
          response: { 201: attachmentSchema, ...uploadErrors },
        },
      },
      async (request, reply) => {
        const attachment = await deps.attachments.upload(identityOf(request), {
          conversationId: request.params.id,
          name: request.query.name,
          contentType: request.headers['content-type'] ?? '',
          declaredBytes: declaredLength(request.headers),
          body: request.body instanceof UnreadBody ? request.body.stream : Readable.from([]),
        });
        return reply.code(201).send(attachment);
      },
    );
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/attachments/:attachmentId',
    {
      config: { file: { answers: allowedTypes } },
      schema: { tags: ['attachments'], summary: 'Download an attachment (only where its message may be seen)', params: z.object({ attachmentId: z.uuid() }), response: { 200: z.unknown().describe('The file'), 404: errorResponseSchema } },
    },
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
