// Where report files live: the blob store's directory (SMARTCHAT_BLOB_DIR, a volume shared by chat
// and stats pods), under reports/<report id>/<build>.<xlsx|pdf>. Each build has names of its own,
// so a download that started before a rebuild reads the old file to its end.
import { createReadStream } from 'node:fs';
import { mkdir, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ReportFormat } from '@smartchat/contracts';

const KEY = /^reports\/[0-9a-f-]{36}\/[0-9]{1,9}\.(xlsx|pdf)$/;

export const reportFileKey = (reportId: string, build: number, format: ReportFormat) => `reports/${reportId}/${build}.${format}`;

export class ReportFiles {
  constructor(private readonly root: string) {}

  /** Writes the whole file under `key`; nothing is readable under it until the last byte is written. */
  async write(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.tmp`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  /** The file's bytes as a stream and its size, or undefined when it is not there. */
  async open(key: string): Promise<{ stream: Readable; bytes: number } | undefined> {
    const path = this.path(key);
    try {
      const { size } = await stat(path);
      return { stream: createReadStream(path), bytes: size };
    } catch {
      return undefined;
    }
  }

  /** Deletes the file (and the report's folder once it is empty); a file that is not there is not an error. */
  async delete(key: string): Promise<void> {
    const path = this.path(key);
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rmdir(dirname(path)).catch(() => undefined);
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid report file key: ${key}`);
    return join(this.root, key);
  }
}
