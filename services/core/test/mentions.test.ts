import { describe, expect, it } from 'vitest';
import { mentionedAgents, type MentionCandidate } from '../src/mentions.js';

const agents: MentionCandidate[] = [
  { id: 'anna', name: 'Анна', email: 'anna.k@desk.test' },
  { id: 'anna-s', name: 'Анна Смирнова', email: 'anna@desk.test' },
  { id: 'boris', name: 'Борис Иванов', email: 'boris@desk.test' },
  { id: 'olga', name: 'Olga Petrova', email: 'o.petrova@desk.test' },
];

describe('@mentions', () => {
  it.each<[string, string[]]>([
    ['@Борис Иванов, посмотрите, пожалуйста', ['boris']],
    ['посмотри @борис иванов', ['boris']],
    ['@Анна Смирнова и @Анна', ['anna-s', 'anna']],
    ['@Анна, привет', ['anna']],
    ['by handle: @boris please', ['boris']],
    ['handle with a dot: @o.petrova.', ['olga']],
    ['@olga petrova! and again @Olga Petrova', ['olga']],
    ['an e-mail address is not a mention: write to support@boris.example', []],
    ['a longer word is not the name: @Борисович', []],
    ['nobody: @nobody here', []],
    ['no at all', []],
    ['@', []],
    ['(@Анна Смирнова)', ['anna-s']],
  ])('%s', (body, expected) => {
    expect(mentionedAgents(body, agents)).toEqual(expected);
  });
});
