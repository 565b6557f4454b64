// An upload's bytes as they arrive: counted against what the upload may take (so an upload is cut
// off the moment it passes its file-size or quota allowance, not after it was read whole), hashed,
// and, for an image, checked by its first bytes before anything is kept.
import { SmartchatError } from '@smartchat/contracts';
import { createHash } from 'node:crypto';

// The first bytes of each image type: an "image" whose bytes say otherwise (an HTML page, say)
// is refused, so nothing uploaded as a picture can be served as something else.
const IMAGE_SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  'image/gif': (bytes) => ['GIF87a', 'GIF89a'].includes(bytes.subarray(0, 6).toString('latin1')),
  'image/webp': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};
/** Enough bytes for every signature above. */
const SIGNATURE_BYTES = 12;

/** Thrown while reading when the bytes pass the allowance; the caller says which limit that was. */
export class AllowanceExceeded extends Error {
  constructor(readonly received: number) {
    super('the upload passed its allowance');
  }
}

export class IncomingFile {
  size = 0;
  private readonly hash = createHash('sha256');
  private head: Buffer | undefined;

  constructor(private readonly options: { contentType: string; image: boolean; allowance: number }) {
    if (options.image) this.head = Buffer.alloc(0);
  }

  /** The SHA-256 of every byte read; once, after the last. */
  sha256(): string {
    return this.hash.digest('hex');
  }

  /** The bytes of `source`, passed on as they come; throws (and so stops the write) at the first one too many or a wrong image. */
  async *read(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      this.size += bytes.length;
      if (this.size > this.options.allowance) throw new AllowanceExceeded(this.size);
      this.hash.update(bytes);
      if (this.head) {
        this.head = Buffer.concat([this.head, bytes]);
        if (this.head.length >= SIGNATURE_BYTES) this.checkImage();
      }
      yield bytes;
    }
    if (this.size === 0) throw new SmartchatError('SC_ERR_VALIDATION', 'The file is empty');
    if (this.head) this.checkImage();
  }

  private checkImage(): void {
    if (!IMAGE_SIGNATURES[this.options.contentType]!(this.head!)) throw new SmartchatError('SC_ERR_ATTACHMENT_TYPE', `The file is not a ${this.options.contentType} image`);
    this.head = undefined;
  }
}
