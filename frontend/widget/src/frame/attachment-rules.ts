// What the widget checks before uploading a file, so that the customer hears "too large" at once
// instead of after the upload. The server checks again (and the image bytes too).
import { attachmentTypes, MAX_ATTACHMENTS_PER_MESSAGE, type AttachmentType } from '@smartchat/contracts/attachment-types';

// The zod-free entry of contracts: importing from '@smartchat/contracts' itself would bundle zod.
export { MAX_ATTACHMENTS_PER_MESSAGE };
/** The server's default limit (SMARTCHAT_ATTACHMENT_MAX_BYTES); a lower server limit still answers 413. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type FileProblem = 'type' | 'size' | 'empty';

export function fileProblem(file: { type: string; size: number }, maxBytes = MAX_ATTACHMENT_BYTES): FileProblem | null {
  if (!Object.hasOwn(attachmentTypes, file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'size';
  return null;
}

export function isImageType(contentType: string): boolean {
  return Object.hasOwn(attachmentTypes, contentType) && attachmentTypes[contentType as AttachmentType].image;
}

/** The accept attribute of the file input. */
export const ACCEPTED_TYPES = Object.keys(attachmentTypes).join(',');

/** 512 Б, 1,5 КБ, 2,3 МБ / 512 B, 1.5 KB, 2.3 MB */
export function formatSize(bytes: number, locale: 'ru' | 'en'): string {
  const units = locale === 'ru' ? ['Б', 'КБ', 'МБ'] : ['B', 'KB', 'MB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0);
  return `${locale === 'ru' ? text.replace('.', ',') : text} ${units[unit]}`;
}
