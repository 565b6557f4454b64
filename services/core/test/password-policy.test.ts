import { describe, expect, it } from 'vitest';
import { passwordProblems, type PasswordRule } from '../src/password-policy.js';

const account = { email: 'anna.smirnova@desk.test' };
const rules = (password: string) => passwordProblems(password, account).map((problem) => problem.rule);

describe('the password policy', () => {
  it.each<[string, PasswordRule[]]>([
    ['correct horse battery staple', []],
    ['Билет-на-рейс-SU1234', []],
    ['short pass', ['too_short']],
    ['x'.repeat(257), ['too_long', 'common']],
    ['ab'.repeat(128), []],
    ['Anna.Smirnova-2026!', ['contains_email']],
    ['my anna.smirnova pass', ['contains_email']],
    ['Password1234', ['common']],
    ['ЙЦУКЕНГШЩЗХЪ', ['common']],
    ['zzzzzzzzzzzzzzzz', ['common']],
  ])('%s → %j', (password, expected) => {
    expect(rules(password)).toEqual(expected);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    // 12 Cyrillic letters are 24 bytes in UTF-8 but 12 characters: long enough.
    expect(rules('рейсмосквасп')).toEqual([]);
    expect(rules('😀😁😂🤣😃😄😅😆😉😊😋')).toEqual(['too_short']);
  });

  it('does not refuse by a very short e-mail name', () => {
    expect(passwordProblems('a perfectly fine one', { email: 'a@desk.test' })).toEqual([]);
  });

  it('names the field it was asked about', () => {
    expect(passwordProblems('short', account, 'password')[0]).toMatchObject({ path: 'password', rule: 'too_short' });
  });
});
