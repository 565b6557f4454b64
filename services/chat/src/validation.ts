// Input validation shared by socket handlers and REST routes: one error shape for bad input.
import { SmartchatError } from '@smartchat/contracts';
import type { z } from 'zod';

/** Deeper input than any schema of ours takes is refused without walking it further. */
const MAX_INPUT_DEPTH = 32;

/**
 * Where an input holds a NUL character (U+0000), or is nested deeper than any of our inputs, as a
 * details path; undefined when it is clean. Postgres text cannot hold NUL: a message body with one
 * was accepted, then its inbox preview failed the conversation update on every retry and held up
 * delivery for everyone. No field of ours has a use for it, so it is refused at the door.
 */
export function invalidCharacterPath(value: unknown, path = '', depth = 0): { path: string; message: string } | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { path, message: 'must not contain NUL characters' } : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (depth >= MAX_INPUT_DEPTH) return { path, message: 'is nested too deeply' };
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return { path: at, message: 'must not contain NUL characters' };
    const found = invalidCharacterPath(item, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const invalid = invalidCharacterPath(raw);
  if (invalid) throw new SmartchatError('SC_ERR_VALIDATION', undefined, [invalid]);
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new SmartchatError(
      'SC_ERR_VALIDATION',
      undefined,
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}
