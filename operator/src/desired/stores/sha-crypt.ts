// SHA-512-crypt ("$6$salt$hash", glibc's crypt(3) scheme 6, as `openssl passwd -6` and
// `mkpasswd -m sha-512` write it): the form in which Scylla takes its first superuser's password
// (auth_superuser_salted_password), so that the operator never hands Scylla the password itself.
// Node's crypto has SHA-512 but not this scheme, so it is built here from the scheme's
// description (Ulrich Drepper, "Unix crypt using SHA-256 and SHA-512"); the tests check it against
// the description's own examples and against openssl.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const DEFAULT_ROUNDS = 5000;
const MAX_SALT = 16;

/** A random salt of 16 characters from the scheme's alphabet. */
export function randomCryptSalt(): string {
  return Array.from(randomBytes(MAX_SALT), (byte) => ALPHABET[byte & 0x3f]).join('');
}

/** The SHA-512-crypt hash of `password` with `salt` (at most 16 characters are used) at the default 5000 rounds. */
export function sha512Crypt(password: string, salt: string = randomCryptSalt()): string {
  const key = Buffer.from(password, 'utf8');
  const saltBytes = Buffer.from(salt, 'utf8').subarray(0, MAX_SALT);
  const sha = (...parts: Buffer[]) => {
    const hash = createHash('sha512');
    for (const part of parts) hash.update(part);
    return hash.digest();
  };
  /** `length` bytes of `digest` repeated (the scheme's way of stretching a digest to a length). */
  const stretch = (digest: Buffer, length: number) => Buffer.concat(Array.from({ length: Math.ceil(length / 64) }, () => digest)).subarray(0, length);

  const alternate = sha(key, saltBytes, key);
  const start = [key, saltBytes, stretch(alternate, key.length)];
  // One part per bit of the key's length, lowest first: the alternate digest for a 1, the key for a 0.
  for (let bits = key.length; bits > 0; bits >>= 1) start.push(bits & 1 ? alternate : key);
  let result = sha(...start);

  const keyRun = stretch(sha(...Array.from({ length: key.length }, () => key)), key.length);
  const saltRun = stretch(sha(...Array.from({ length: 16 + result[0]! }, () => saltBytes)), saltBytes.length);
  for (let round = 0; round < DEFAULT_ROUNDS; round += 1) {
    const odd = round % 2 === 1;
    result = sha(odd ? keyRun : result, round % 3 === 0 ? Buffer.alloc(0) : saltRun, round % 7 === 0 ? Buffer.alloc(0) : keyRun, odd ? result : keyRun);
  }
  return `$6$${saltBytes.toString('utf8')}$${encode(result)}`;
}

/**
 * The scheme's own base-64: 21 groups of three bytes taken 21 apart and rotated by the group's
 * position, each written as four characters, least significant six bits first; then the last byte
 * as two characters.
 */
function encode(digest: Buffer): string {
  let out = '';
  const put = (high: number, middle: number, low: number, characters: number) => {
    let word = (high << 16) | (middle << 8) | low;
    for (let n = 0; n < characters; n += 1) {
      out += ALPHABET[word & 0x3f];
      word >>= 6;
    }
  };
  for (let group = 0; group < 21; group += 1) {
    const [a, b, c] = [digest[group]!, digest[group + 21]!, digest[group + 42]!];
    if (group % 3 === 0) put(a, b, c, 4);
    else if (group % 3 === 1) put(b, c, a, 4);
    else put(c, a, b, 4);
  }
  put(0, 0, digest[63]!, 2);
  return out;
}
