// The operator's check of spec.keyringSecret's keyring agrees with the services' own parser
// (services/platform/src/sealed-secrets.ts, parseKeyring), which chat and mail pods run at start: a
// keyring the operator passes starts them, one it refuses would have crash-looped them. Its
// messages never carry key material.
import { parseKeyring } from '@smartchat/platform';
import { describe, expect, it } from 'vitest';
import { keyringProblem } from '../src/reconcile/keyring.js';

const key = (fill: number, bytes = 32) => Buffer.alloc(bytes, fill).toString('base64');

describe('the keyring check', () => {
  it.each([
    ['one key', `k1:${key(1)}`, undefined],
    ['two keys, the first sealing, with spaces and a trailing comma', ` k2:${key(2)} , k1:${key(1)} ,`, undefined],
    ['ids of letters, digits, - and _ up to 32', `${'a'.repeat(32)}:${key(1)},B-2_c:${key(2)}`, undefined],
    ['empty', '', 'it is empty: give id:base64key, 32 bytes each, the first one sealing'],
    ['only commas and spaces', ' , ,', 'it is empty: give id:base64key, 32 bytes each, the first one sealing'],
    ['a key without an id', key(1), 'key 1: an id of 1–32 letters, digits, - or _ must come before ":"'],
    ['an empty id', `:${key(1)}`, 'key 1: an id of 1–32 letters, digits, - or _ must come before ":"'],
    ['an id too long', `${'a'.repeat(33)}:${key(1)}`, 'key 1: an id of 1–32 letters, digits, - or _ must come before ":"'],
    ['an id with a dot', `k.1:${key(1)}`, 'key 1: an id of 1–32 letters, digits, - or _ must come before ":"'],
    ['the same id twice', `k1:${key(1)},k1:${key(2)}`, 'key 2: the id "k1" is given twice'],
    ['a 16-byte key', `k1:${key(1, 16)}`, 'key "k1": must be 32 bytes in base64 (it is 16)'],
    ['a 33-byte key', `k1:${key(1)},k2:${key(2, 33)}`, 'key "k2": must be 32 bytes in base64 (it is 33)'],
    ['a password instead of a key', 'k1:CHANGE-ME', 'key "k1": must be 32 bytes in base64 (it is 6)'],
  ])('%s', (_description, setting, problem) => {
    expect(keyringProblem(setting)).toBe(problem);
    // The services' parser agrees: it accepts exactly what passes here.
    let accepted: boolean;
    try {
      parseKeyring(setting);
      accepted = true;
    } catch {
      accepted = false;
    }
    expect(accepted).toBe(problem === undefined);
  });

  it('names an entry, never its key', () => {
    const secret = Buffer.alloc(31, 9).toString('base64');
    expect(keyringProblem(`k1:${secret}`)).not.toContain(secret);
    expect(keyringProblem(secret)).not.toContain(secret);
  });
});
