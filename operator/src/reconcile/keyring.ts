// The keyring that spec.keyringSecret names (SMARTCHAT_SECRET_KEYS: `id:base64key,…`, 32-byte keys,
// the first one sealing), checked before a pod is given it: chat and mail refuse to start with a
// bad keyring, so a bad one is reported and holds the rollout back instead of crash-looping the new
// pods while the old ones serve. The rules are those of services/platform/src/sealed-secrets.ts
// (parseKeyring), which the operator does not load (it would bring the platform's drivers);
// keyring.test.ts holds both to the same table. A message names an entry, never its key.
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const KEY_BYTES = 32;

/** Why `setting` is not a keyring the services accept; undefined when it is one. */
export function keyringProblem(setting: string): string | undefined {
  const entries = setting.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return 'it is empty: give id:base64key, 32 bytes each, the first one sealing';
  const ids = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? '' : entry.slice(0, colon);
    if (!KEY_ID.test(id)) return `key ${index + 1}: an id of 1–32 letters, digits, - or _ must come before ":"`;
    if (ids.has(id)) return `key ${index + 1}: the id "${id}" is given twice`;
    ids.add(id);
    const bytes = Buffer.from(entry.slice(colon + 1), 'base64').length;
    if (bytes !== KEY_BYTES) return `key "${id}": must be ${KEY_BYTES} bytes in base64 (it is ${bytes})`;
  }
  return undefined;
}
