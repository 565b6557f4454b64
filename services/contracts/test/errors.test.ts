import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, SmartchatError } from '../src/errors.js';

describe('the error catalogue', () => {
  it('documents every code with its HTTP status in docs/errors.md', () => {
    const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(errorCatalogue)) {
      expect(docs, `${code} is missing from docs/errors.md`).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
    }
  });

  it('names only catalogue codes in the docs', () => {
    const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...docs.matchAll(/\| `(SC_ERR_[A-Z_]+)` \|/g)].map((match) => match[1]);
    expect(documented.filter((code) => !(code! in errorCatalogue))).toEqual([]);
  });

  it('gives each error its status and a clear default message', () => {
    const error = new SmartchatError('SC_ERR_RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.toBody()).toEqual({ code: 'SC_ERR_RATE_LIMITED', message: 'Too many requests; slow down' });
    expect(new SmartchatError('SC_ERR_VALIDATION', undefined, [{ path: 'body', message: 'too long' }]).toBody().details).toEqual([{ path: 'body', message: 'too long' }]);
  });
});
