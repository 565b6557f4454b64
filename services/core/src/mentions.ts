// @mentions in a reply or note: `@` followed by an agent's full name or the local part of their
// e-mail, case-insensitive, ending at a character that cannot continue a name. The composer's
// autocomplete inserts the full name; people typing by hand often use the e-mail handle.

export interface MentionCandidate {
  id: string;
  name: string;
  email: string;
}

const NAME_CHARACTER = /[\p{L}\p{N}_.-]/u;

/** Ids of the agents mentioned in `body`, each once, in order of first mention. */
export function mentionedAgents(body: string, agents: readonly MentionCandidate[]): string[] {
  const keys = agents
    .flatMap((agent) => [
      { key: agent.name.trim().toLocaleLowerCase(), id: agent.id },
      { key: agent.email.split('@')[0]!.toLocaleLowerCase(), id: agent.id },
    ])
    .filter((entry) => entry.key.length > 0)
    // Longest first, so that "Анна Смирнова" wins over an agent called "Анна".
    .sort((a, b) => b.key.length - a.key.length);
  const lower = body.toLocaleLowerCase();
  const found: string[] = [];
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    // An @ inside a word is an e-mail address, not a mention.
    if (at > 0 && NAME_CHARACTER.test(lower[at - 1]!)) continue;
    const rest = lower.slice(at + 1);
    const match = keys.find(({ key }) => rest.startsWith(key) && !endsInsideName(rest, key.length));
    if (match && !found.includes(match.id)) found.push(match.id);
  }
  return found;
}

function endsInsideName(text: string, length: number): boolean {
  const next = text[length];
  if (next === undefined) return false;
  // A trailing dot or dash ends a sentence, not the name.
  if ((next === '.' || next === '-') && !NAME_CHARACTER.test(text[length + 1] ?? ' ')) return false;
  return NAME_CHARACTER.test(next);
}
