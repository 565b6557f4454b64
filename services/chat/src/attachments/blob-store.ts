// Where attachment bytes live. The filesystem store (a volume in Kubernetes) is the default; the
// interface is what an object-store implementation would provide instead.
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface BlobStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** A stream of the bytes, or undefined when there is no such blob. */
  open(key: string): Promise<Readable | undefined>;
  delete(key: string): Promise<void>;
}

export class FilesystemBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Written under a temporary name and renamed, so a reader never sees half a file.
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
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
    await unlink(this.path(key)).catch(() => undefined);
  }

  private path(key: string): string {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid blob key: ${key}`);
    // Two levels of fan-out keep directories small.
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}
