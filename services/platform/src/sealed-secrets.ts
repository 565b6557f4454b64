// Secrets kept in the database encrypted (issue 25: a mailbox's IMAP and SMTP passwords): AES-256-GCM
// with a key from the environment (a Kubernetes Secret in a cluster), never from the database. A
// sealed value names its key, so keys can be rotated: the keyring's first key seals, every key
// opens. Each value is bound to what it belongs to (`context`, e.g. "mailbox:<id>:smtp-password",
// authenticated but not stored), so a sealed value copied into another record does not open there.
// Errors never carry key material or plaintext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT = 'sc1';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface SecretKeyring {
  /** The id of the key that seals. */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

export type SealedSecretProblem = 'malformed' | 'unknown_key' | 'not_authentic';

export class SealedSecretError extends Error {
  constructor(
    readonly problem: SealedSecretProblem,
    message: string,
  ) {
    super(message);
    this.name = 'SealedSecretError';
  }
}

/**
 * The keyring of a setting such as SMARTCHAT_SECRET_KEYS: `id:base64key[,id:base64key…]`, each key
 * 32 bytes, the first one sealing. A bad setting is refused, naming the entry but not its key.
 */
export function parseKeyring(setting: string): SecretKeyring {
  const keys = new Map<string, Buffer>();
  const entries = setting.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) throw new RangeError('the secret keyring is empty: give id:base64key, 32 bytes each, the first one sealing');
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? '' : entry.slice(0, colon);
    if (!KEY_ID.test(id)) throw new RangeError(`secret key ${index + 1}: an id of 1–32 letters, digits, - or _ must come before ":"`);
    if (keys.has(id)) throw new RangeError(`secret key ${index + 1}: the id "${id}" is given twice`);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (key.length !== 32) throw new RangeError(`secret key "${id}": must be 32 bytes in base64 (it is ${key.length})`);
    keys.set(id, key);
  });
  return { current: [...keys.keys()][0]!, keys };
}

/** Whether a stored value is a sealed secret (and not, say, a password stored before sealing). */
export function isSealed(value: string): boolean {
  return value.startsWith(`${FORMAT}.`);
}

/** `plaintext` sealed with the keyring's current key for `context`: `sc1.<key id>.<iv>.<tag>.<ciphertext>` (base64url). */
export function sealSecret(plaintext: string, keyring: SecretKeyring, context: string): string {
  const key = keyring.keys.get(keyring.current);
  if (!key) throw new SealedSecretError('unknown_key', `the keyring has no key "${keyring.current}"`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, keyring.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** The plaintext of a sealed secret, if it was sealed for `context` by a key of the keyring. */
export function openSecret(sealed: string, keyring: SecretKeyring, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== FORMAT) throw new SealedSecretError('malformed', 'not a sealed secret');
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const key = keyring.keys.get(keyId);
  if (!key) throw new SealedSecretError('unknown_key', `sealed with key "${keyId}", which the keyring does not have`);
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new SealedSecretError('malformed', 'not a sealed secret');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError('not_authentic', `the sealed secret does not open for ${context}: changed, or sealed for something else`);
  }
}
