// Character classes the markup scanner shares. Letters and digits of every script count as word
// characters, so "_" inside a Russian or Greek identifier behaves as it does in snake_case.

export const wordCharacter = /[\p{L}\p{N}]/u;

/** The whole code point that ends just before `index`, or '' at the start. */
export function characterBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff;
  return isLowSurrogate && index >= 2 ? text.slice(index - 2, index) : text.slice(index - 1, index);
}

/** The whole code point that starts at `index`, or '' at the end. */
export function characterAt(text: string, index: number): string {
  const codePoint = text.codePointAt(index);
  return codePoint === undefined ? '' : String.fromCodePoint(codePoint);
}

// The characters a backslash can escape, as in CommonMark: every ASCII punctuation mark, so an
// author never has to remember which of them are markup today.
const asciiPunctuation = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** Whether `character` (one UTF-16 unit or '') is an ASCII punctuation mark. */
export function isAsciiPunctuation(character: string): boolean {
  return asciiPunctuation.has(character);
}
