// `make dashboards`: writes every dashboard of catalog.ts to dashboards/grafana/<file>, and removes
// rendered files no dashboard produces any more. The files are committed; a test fails when they
// differ from what the code renders.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERED_DIR, renderAll } from './catalog.js';

function main(): void {
  mkdirSync(RENDERED_DIR, { recursive: true });
  const rendered = renderAll();
  for (const [file, json] of rendered) writeFileSync(join(RENDERED_DIR, file), json);
  for (const file of readdirSync(RENDERED_DIR)) if (file.endsWith('.json') && !rendered.has(file)) rmSync(join(RENDERED_DIR, file));
  process.stdout.write(`rendered ${[...rendered.keys()].join(', ')} into ${RENDERED_DIR}\n`);
}

main();
