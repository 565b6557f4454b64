import { describe, expect, it } from 'vitest';
import { customerKeyOf } from '../src/token.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('whose token it is', () => {
  it('reads the subject of a JWT, UTF-8 included', () => {
    expect(customerKeyOf(`${encode({ alg: 'HS256' })}.${encode({ sub: 'demo-customer-1', name: 'Иван' })}.sig`)).toBe('demo-customer-1');
    expect(customerKeyOf(`h.${encode({ sub: 'клиент-7' })}.s`)).toBe('клиент-7');
  });

  it('is null for anything that is not a readable token with a subject', () => {
    expect(customerKeyOf('garbage')).toBeNull();
    expect(customerKeyOf(`h.${encode({ name: 'x' })}.s`)).toBeNull();
    expect(customerKeyOf('h.!!!.s')).toBeNull();
  });
});
