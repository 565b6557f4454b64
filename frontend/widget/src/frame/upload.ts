// Uploading an attachment with progress. The kit's api.upload uses fetch, which reports no upload
// progress, so this one request goes through XMLHttpRequest; errors are the kit's ApiError.
import { ApiError, queryString, type ApiAnswer, type ApiErrorResponse } from '@smartchat/frontend-kit';

/** What an upload answers (the document's 201 of POST /v1/conversations/{id}/attachments). */
type Uploaded = ApiAnswer<'/v1/conversations/{id}/attachments', 'post'>;

export interface UploadOptions {
  baseUrl: string;
  token: string | null;
  conversationId: string;
  file: File;
  onProgress(fraction: number): void;
  signal?: AbortSignal;
}

export function uploadAttachment(options: UploadOptions): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${options.baseUrl}/v1/conversations/${encodeURIComponent(options.conversationId)}/attachments${queryString({ name: options.file.name })}`);
    if (options.token) request.setRequestHeader('authorization', `Bearer ${options.token}`);
    request.setRequestHeader('content-type', options.file.type || 'application/octet-stream');
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        body = null;
      }
      if (request.status === 201) resolve(body as Uploaded);
      else reject(new ApiError(request.status, (body as Partial<ApiErrorResponse> | null)?.error, `HTTP ${request.status}`));
    };
    request.onerror = () => reject(new ApiError(0, undefined, 'The server cannot be reached'));
    request.onabort = () => reject(new ApiError(0, undefined, 'The upload was cancelled'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(options.file);
  });
}
