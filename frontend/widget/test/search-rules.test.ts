import { describe, expect, it } from 'vitest';
import { searchableQuery, searchProblem, shownHits, snippetParts } from '../src/frame/search-rules.js';

const hit = (messageId: string, kind: 'customer' | 'reply' | 'note' | 'system' | 'notice', deleted = false) => ({
  messageId,
  at: '2026-12-01T10:00:00.000Z',
  kind,
  deleted,
  hasAttachment: false,
  snippet: [{ text: messageId, match: false }],
});

describe('when the widget searches', () => {
  it('searches from two characters on, without the spaces around them', () => {
    expect(searchableQuery('')).toBeNull();
    expect(searchableQuery('б')).toBeNull();
    expect(searchableQuery('  б  ')).toBeNull();
    expect(searchableQuery('би')).toBe('би');
    expect(searchableQuery('  билет ')).toBe('билет');
  });

  it('counts characters, not UTF-16 units: one emoji is not enough', () => {
    expect(searchableQuery('😀')).toBeNull();
  });
});

describe('a highlighted snippet as text runs', () => {
  it('keeps matched and unmatched runs in order', () => {
    expect(
      snippetParts([
        { text: 'Хочу вернуть ', match: false },
        { text: 'билеты', match: true },
        { text: ' на поезд', match: false },
      ]),
    ).toEqual([
      { text: 'Хочу вернуть ', match: false },
      { text: 'билеты', match: true },
      { text: ' на поезд', match: false },
    ]);
  });

  it('drops empty runs and joins neighbours of the same kind', () => {
    expect(
      snippetParts([
        { text: '', match: true },
        { text: 'a ', match: false },
        { text: 'b', match: false },
        { text: 'c', match: true },
        { text: '', match: false },
        { text: 'd', match: true },
      ]),
    ).toEqual([
      { text: 'a b', match: false },
      { text: 'cd', match: true },
    ]);
  });

  it('leaves markup as the text it is', () => {
    expect(snippetParts([{ text: '<img src=x onerror=alert(1)>', match: true }])).toEqual([{ text: '<img src=x onerror=alert(1)>', match: true }]);
  });

  it('does not change the snippet it was given', () => {
    const snippet = [
      { text: 'a', match: false },
      { text: 'b', match: false },
    ];
    snippetParts(snippet);
    expect(snippet).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: false },
    ]);
  });
});

describe('the hits a customer sees', () => {
  it('the newest two of their own messages and the replies', () => {
    expect(shownHits({ hits: [hit('3', 'reply'), hit('2', 'customer'), hit('1', 'customer')] }).map((item) => item.messageId)).toEqual(['3', '2']);
  });

  it('a notice from Smartchat (a trip change) is found like a reply', () => {
    expect(shownHits({ hits: [hit('3', 'notice'), hit('2', 'customer')] }).map((item) => item.messageId)).toEqual(['3', '2']);
  });

  it('never a note, a system event or a deleted message, even if the server sent one', () => {
    expect(shownHits({ hits: [hit('4', 'note'), hit('3', 'system'), hit('2', 'reply', true), hit('1', 'customer')] }).map((item) => item.messageId)).toEqual(['1']);
  });
});

describe('what a refused search tells the customer', () => {
  const unprocessable = (rule: string, path: unknown = 'q') => ({ code: 'SC_ERR_UNPROCESSABLE', details: [{ path, rule }] });

  it.each([
    ['only stop words', unprocessable('no_terms'), 'searchNoTerms'],
    ['a prefix too short', unprocessable('prefix_too_short'), 'searchPrefixTooShort'],
    ['too many terms', unprocessable('too_many_terms'), 'searchTooManyTerms'],
    ['a path given as a list', unprocessable('no_terms', ['q']), 'searchNoTerms'],
    ['a path in the request part', unprocessable('too_many_terms', 'querystring.q'), 'searchTooManyTerms'],
    ['a customer sending what only agents may', unprocessable('agent_only_parameter', 'querystring.sort'), 'searchInvalid'],
    ['a rule it does not know', unprocessable('something_new'), 'searchInvalid'],
    ['a rule about another field', unprocessable('no_terms', 'limit'), 'searchInvalid'],
    ['no details', { code: 'SC_ERR_UNPROCESSABLE' }, 'searchInvalid'],
    ['a search that took too long', { code: 'SC_ERR_SEARCH_TIMEOUT' }, 'searchTimeout'],
    ['an invalid request', { code: 'SC_ERR_VALIDATION', details: [{ path: 'q' }] }, 'searchInvalid'],
    ['no network', { code: 'SC_ERR_NETWORK' }, 'searchNetwork'],
    ['anything else', { code: 'SC_ERR_INTERNAL' }, 'searchFailed'],
    ['not an API error at all', new Error('boom'), 'searchFailed'],
    ['nothing', null, 'searchFailed'],
  ])('%s', (_name, error, problem) => {
    expect(searchProblem(error)).toBe(problem);
  });
});
