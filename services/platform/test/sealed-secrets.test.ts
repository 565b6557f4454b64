// Secrets sealed for the database (a mailbox's passwords): they open only with a key of the keyring
// and only for what they were sealed for; keys rotate; bad settings and tampering are refused
// without showing key material.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, openSecret, parseKeyring, sealSecret, SealedSecretError } from '../src/index.js';

const key = () => randomBytes(32).toString('base64');

describe('sealed secrets', () => {
  const first = key();
  const keyring = parseKeyring(`k1:${first}`);
  const context = 'mailbox:7ea00000-0000-4000-8000-000000000001:smtp-password';

  it('open to what was sealed, each seal different, none holding the plaintext', () => {
    const password = 'пароль-Ящик 2026!';
    const a = sealSecret(password, keyring, context);
    const b = sealSecret(password, keyring, context);
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(isSealed(password)).toBe(false);
    expect(a).not.toContain(Buffer.from(password).toString('base64url').slice(0, 8));
    expect(openSecret(a, keyring, context)).toBe(password);
    expect(openSecret(b, keyring, context)).toBe(password);
  });

  it('do not open for another record, nor once changed', () => {
    const sealed = sealSecret('secret', keyring, context);
    const problem = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof SealedSecretError ? error.problem : 'other';
      }
      return 'opened';
    };
    expect(problem(() => openSecret(sealed, keyring, 'mailbox:another:smtp-password'))).toBe('not_authentic');
    const parts = sealed.split('.');
    const flipped = parts[4]!.startsWith('A') ? `B${parts[4]!.slice(1)}` : `A${parts[4]!.slice(1)}`;
    expect(problem(() => openSecret([...parts.slice(0, 4), flipped].join('.'), keyring, context))).toBe('not_authentic');
    expect(problem(() => openSecret('sc1.k1.short', keyring, context))).toBe('malformed');
    expect(problem(() => openSecret('plain password', keyring, context))).toBe('malformed');
    expect(problem(() => openSecret(sealed.replace('sc1.k1.', 'sc1.k9.'), keyring, context))).toBe('unknown_key');
  });

  it('rotate: a new first key seals, the old one still opens what it sealed', () => {
    const old = sealSecret('old secret', keyring, context);
    const rotated = parseKeyring(`k2:${key()}, k1:${first}`);
    expect(rotated.current).toBe('k2');
    expect(openSecret(old, rotated, context)).toBe('old secret');
    const fresh = sealSecret('new secret', rotated, context);
    expect(fresh.split('.')[1]).toBe('k2');
    expect(() => openSecret(fresh, keyring, context)).toThrow(SealedSecretError);
  });

  it('refuse a bad keyring setting, naming the entry and never its key', () => {
    const short = Buffer.from('too short').toString('base64');
    for (const [setting, message] of [
      ['', /empty/],
      [`k1:${short}`, /must be 32 bytes/],
      [`:${key()}`, /an id of/],
      [`k1:${first},k1:${key()}`, /given twice/],
    ] as const) {
      let thrown: unknown;
      try {
        parseKeyring(setting);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, setting).toBeInstanceOf(RangeError);
      expect((thrown as Error).message).toMatch(message);
      expect((thrown as Error).message).not.toContain(first);
      expect((thrown as Error).message).not.toContain(short);
    }
  });
});
