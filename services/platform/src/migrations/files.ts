// Versioned migration files: NNNN_short_name.sql (Postgres) or NNNN_short_name.cql (CQL), applied
// in version order, each once. A file that was applied and then edited is an error, not a silent
// skip: history is fixed, new changes go into new files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MigrationFile {
  version: number;
  /** The file name without extension, e.g. 0002_add_priority: how logs and errors name it. */
  label: string;
  name: string;
  checksum: string;
  text: string;
}

const FILE_NAME = /^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.(?<ext>sql|cql)$/;

export function readMigrationFiles(dir: string, ext: 'sql' | 'cql'): MigrationFile[] {
  const files: MigrationFile[] = [];
  for (const fileName of readdirSync(dir).sort()) {
    if (!fileName.endsWith(`.${ext}`)) continue;
    const match = FILE_NAME.exec(fileName);
    if (!match?.groups) throw new Error(`migration file name "${fileName}" in ${dir} does not match NNNN_name.${ext}`);
    const text = readFileSync(join(dir, fileName), 'utf8');
    files.push({
      version: Number(match.groups.version),
      label: fileName.replace(/\.(sql|cql)$/, ''),
      name: match.groups.name!,
      checksum: createHash('sha256').update(text).digest('hex'),
      text,
    });
  }
  const seen = new Set<number>();
  for (const file of files) {
    if (seen.has(file.version)) throw new Error(`two migrations in ${dir} have version ${file.version}`);
    seen.add(file.version);
  }
  return files;
}

export function assertUnchanged(file: MigrationFile, appliedChecksum: string): void {
  if (file.checksum !== appliedChecksum) {
    throw new Error(`migration ${file.label} was changed after it was applied; add a new migration instead`);
  }
}
