// Preloaded with `node --import` (NODE_OPTIONS) into a process under test: records every module it
// loads and writes the list, as file paths, to $SMARTCHAT_TEST_MODULE_LOG when the process exits.
// ES modules are seen by a resolve hook (in the loader thread, which reports over a MessagePort);
// CommonJS modules that other CommonJS modules require never pass the ESM hooks, so the CommonJS
// cache is read as well.
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const output = process.env.SMARTCHAT_TEST_MODULE_LOG;
if (output) {
  const loaded = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => {
    if (url.startsWith('file:')) loaded.add(fileURLToPath(url));
  });
  port1.unref();
  register('./module-recorder-hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    for (const file of Object.keys(cache)) loaded.add(file);
    writeFileSync(output, `${JSON.stringify([...loaded].sort(), null, 1)}\n`);
  });
}
