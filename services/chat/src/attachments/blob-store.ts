// Where attachment bytes live. The filesystem store (a volume in Kubernetes) is the default; the
// interface is what an object-store implementation would provide instead.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface BlobStore {
  /**
   * Writes the bytes of `source` under `key` as they arrive. Nothing is readable under the key
   * until the last byte is written; when `source` throws, nothing is left behind.
   */
  write(key: string, source: AsyncIterable<Buffer>): Promise<void>;
  /** A stream of the bytes, or undefined when there is no such blob. */
  open(key: string): Promise<Readable | undefined>;
  /** Deletes the blob and any partial write of it; a blob that is not there is not an error. */
  delete(key: string): Promise<void>;
}

const ignoreMissing = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ENOENT') throw error;
};

export class FilesystemBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async write(key: string, source: AsyncIterable<Buffer>): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Written under a temporary name and renamed, so a reader never sees half a file. Keys are
    // never reused, so one name per key is enough, and delete() finds a partial write.
    const temporary = `${path}.tmp`;
    try {
      await pipeline(source, createWriteStream(temporary));
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  async open(key: string): Promise<Readable | undefined> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      return undefined;
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    const path = this.path(key);
    await Promise.all([unlink(path).catch(ignoreMissing), unlink(`${path}.tmp`).catch(ignoreMissing)]);
  }

  private path(key: string): string {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid blob key: ${key}`);
    // Two levels of fan-out keep directories small.
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}
