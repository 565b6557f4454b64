// Locations inside the repository that processes need at run time.
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const schemaDir = {
  postgres: fileURLToPath(new URL('../../schema/postgres/', import.meta.url)),
  cql: fileURLToPath(new URL('../../schema/cql/', import.meta.url)),
};
