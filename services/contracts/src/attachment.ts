import { z } from 'zod';

export { attachmentTypes, MAX_ATTACHMENTS_PER_MESSAGE, type AttachmentType } from './attachment-types.js';

export const attachmentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
export type Attachment = z.infer<typeof attachmentSchema>;
