// A file of the API handed to the browser as a download (statistics exports, report files, an
// e-mail's original): it needs the bearer token, so it is fetched and given to the browser as a blob.
import { ApiError } from '@smartchat/frontend-kit';
import { token } from './session.js';

/** Resolves with the file's name: the server's (Content-Disposition), or `fallbackName`. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token() ?? ''}` } });
  } catch {
    throw new ApiError(0, undefined, 'The server cannot be reached');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    throw new ApiError(response.status, body?.error as never, `HTTP ${response.status}`);
  }
  const name = fileName(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}
