// A failure as a short phrase for the customer: no network in their language, otherwise the
// server's catalogue message (the code decides, never the text).
import { ApiError } from '@smartchat/frontend-kit';
import type { WidgetI18n } from './i18n.js';

export function describeError(error: unknown, i18n: WidgetI18n): string {
  if (error instanceof ApiError) {
    if (error.code === 'SC_ERR_NETWORK') return i18n.t('networkError');
    if (error.code === 'SC_ERR_ATTACHMENT_TYPE') return i18n.t('fileType');
    return error.message;
  }
  return i18n.t('networkError');
}
