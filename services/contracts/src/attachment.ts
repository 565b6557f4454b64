import { z } from 'zod';

/** What may be uploaded, by declared type. Images are checked against their first bytes too. */
export const attachmentTypes = {
  'image/png': { image: true },
  'image/jpeg': { image: true },
  'image/gif': { image: true },
  'image/webp': { image: true },
  'application/pdf': { image: false },
  'text/plain': { image: false },
  'text/csv': { image: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { image: false },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { image: false },
  'application/msword': { image: false },
  'application/vnd.ms-excel': { image: false },
} as const;
export type AttachmentType = keyof typeof attachmentTypes;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export const attachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type Attachment = z.infer<typeof attachmentSchema>;
