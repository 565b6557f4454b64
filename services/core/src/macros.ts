// Macros are canned replies with variables: `{customer.name}` in a macro's body is filled in by the
// console from the conversation at hand before the agent sends it. The rule of what is replaced
// lives here so that the console, tests and any later server-side use agree.

/** The variables a macro body may use, written in braces: `{customer.name}`. */
export const MACRO_VARIABLES = ['customer.name', 'customer.email', 'agent.name', 'conversation.topic'] as const;
export type MacroVariable = (typeof MACRO_VARIABLES)[number];

export type MacroValues = Partial<Record<MacroVariable, string | null | undefined>>;

const placeholder = /\{([a-z]+\.[a-z]+)\}/g;

export function isMacroVariable(name: string): name is MacroVariable {
  return (MACRO_VARIABLES as readonly string[]).includes(name);
}

/**
 * The body with every known variable replaced by its value. An unknown variable, and a known one
 * without a value (a customer with no e-mail), stays as written, so the agent sees in the draft
 * what is left to fill rather than sending a blank. Values are inserted as they are: they are
 * never scanned for variables again.
 */
export function fillMacro(body: string, values: MacroValues): string {
  return body.replace(placeholder, (written, name: string) => {
    if (!isMacroVariable(name)) return written;
    const value = values[name];
    return value === null || value === undefined ? written : value;
  });
}

/** The known variables a body uses, each once, in order of first use (the console asks for missing values). */
export function macroVariablesIn(body: string): MacroVariable[] {
  const found = [...body.matchAll(placeholder)].map((match) => match[1]!).filter(isMacroVariable);
  return [...new Set(found)];
}
