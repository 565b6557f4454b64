// The SMARTCHAT_* variables of the local dependencies, read from scripts/infra/smartchat.env so
// that tests, `make dev` and the infra scripts agree on every port.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';

export function readLocalEnv(): Record<string, string> {
  const script = join(repoRoot, 'scripts/infra/smartchat.env');
  const output = execFileSync('bash', ['-c', `set -a && source "${script}" && env -0`], { encoding: 'utf8' });
  const env: Record<string, string> = {};
  for (const entry of output.split('\0')) {
    const at = entry.indexOf('=');
    const key = entry.slice(0, at);
    if (key.startsWith('SMARTCHAT_') || key.startsWith('SC_')) env[key] = entry.slice(at + 1);
  }
  return env;
}
