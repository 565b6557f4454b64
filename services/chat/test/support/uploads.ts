// Uploading attachments as a client would (with a Content-Length, chunked, or headers only), and
// looking at what the blob store holds on disk.
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { ChatNode } from './cluster.js';

export interface UploadAnswer {
  status: number;
  retryAfter: string | null;
  body: { id: string; name: string; contentType: string; size: number; error?: { code: string; message: string; details?: unknown } };
}

const uploadUrl = (node: ChatNode, conversationId: string, name: string) => `${node.url}/v1/conversations/${conversationId}/attachments?name=${encodeURIComponent(name)}`;

async function answer(response: Response): Promise<UploadAnswer> {
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as UploadAnswer['body'] };
}

/** An upload with its Content-Length. */
export async function upload(node: ChatNode, token: string, conversationId: string, bytes: Buffer, options: { name?: string; contentType?: string } = {}): Promise<UploadAnswer> {
  const response = await fetch(uploadUrl(node, conversationId, options.name ?? 'file.pdf'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': options.contentType ?? 'application/pdf' },
    body: bytes,
  });
  return answer(response);
}

/**
 * A chunked upload (no Content-Length): the chunks go out one by one, `beforeEach` awaited before
 * each; the answer may come before the last one is sent.
 */
export async function uploadChunked(node: ChatNode, token: string, conversationId: string, chunks: Buffer[], beforeEach: (index: number) => Promise<void> = async () => undefined): Promise<UploadAnswer> {
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index === chunks.length) return controller.close();
      await beforeEach(index);
      controller.enqueue(chunks[index]!);
      index += 1;
    },
  });
  const response = await fetch(uploadUrl(node, conversationId, 'chunked.pdf'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body,
    duplex: 'half',
  } as RequestInit);
  return answer(response);
}

/**
 * Sends only the request line and headers of an upload that announces `contentLength` bytes, and
 * resolves with the status line of the answer: an answer before any of the body was sent.
 */
export function uploadHeadersOnly(node: ChatNode, token: string, conversationId: string, contentLength: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(node.port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer before the body within 5 s (got ${JSON.stringify(received)})`));
    }, 5000);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received.slice(0, received.indexOf('\r\n')));
      }
    });
    socket.on('error', reject);
    socket.write(
      [
        `POST /v1/conversations/${conversationId}/attachments?name=headers-only.pdf HTTP/1.1`,
        `Host: 127.0.0.1:${node.port}`,
        `Authorization: Bearer ${token}`,
        'Content-Type: application/pdf',
        `Content-Length: ${contentLength}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/** Every file under the blob directory (finished blobs and partial writes alike). */
export async function blobFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Where the filesystem blob store keeps an attachment's bytes. */
export const blobPath = (root: string, id: string) => join(root, id.slice(0, 2), id.slice(2, 4), id);
