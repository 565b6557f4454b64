// Input validation shared by socket handlers and REST routes: one error shape for bad input.
import { SmartchatError } from '@smartchat/contracts';
import type { z } from 'zod';

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
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
