import { readLocalEnv } from './services/platform/src/testing/local-env.js';

// What every vitest run shares: the real local dependencies started by `make infra-up` (see
// scripts/infra), their addresses from scripts/infra/smartchat.env, and a check that they answer.
export const sharedTestOptions = {
  env: { ...readLocalEnv(), ...pick(process.env, 'SMARTCHAT_') },
  globalSetup: ['services/platform/src/testing/global-setup.ts'],
  pool: 'forks' as const,
};

function pick(env: NodeJS.ProcessEnv, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith(prefix) && entry[1] !== undefined));
}
