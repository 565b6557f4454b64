// What the browser downloads, compressed, against the budgets: the console's first load (the
// entry and what index.html preloads), the console's editor chunk (loaded with the first
// conversation opened), and the widget, which customers load on every page of their account.
// Run after scripts/build-frontend.sh; exits 1 when a budget is exceeded.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGETS_KIB = { 'console, first load': 130, 'console, editor chunk': 80, widget: 90 };

const gzipKb = (file) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;
/** The JS and CSS an app's index.html loads or preloads. */
function firstLoad(app) {
  const dist = join('frontend', app, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/[a-z]+\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => join(dist, match[1]));
  return [...new Set(files)];
}
const editorChunk = readdirSync('frontend/console/dist/assets').filter((name) => /^editor-.*\.js$/.test(name)).map((name) => join('frontend/console/dist/assets', name));

const measured = {
  'console, first load': firstLoad('console'),
  'console, editor chunk': editorChunk,
  widget: firstLoad('widget'),
};
let over = 0;
for (const [name, files] of Object.entries(measured)) {
  const kb = files.reduce((sum, file) => sum + gzipKb(file), 0);
  const budget = BUDGETS_KIB[name];
  const fits = files.length > 0 && kb <= budget;
  if (!fits) over += 1;
  console.log(`${fits ? 'ok  ' : 'OVER'} ${name.padEnd(22)} ${kb.toFixed(1).padStart(6)} KiB gzip (budget ${budget} KiB) in ${files.length} file(s)`);
}
process.exit(over > 0 ? 1 : 0);
