// The attachment allow-list without zod, so that browser bundles (the widget) can import it as a
// value through `@smartchat/contracts/attachment-types` without pulling in the schema library.
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
