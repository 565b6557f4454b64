// GET /v1/search for the console: one page of conversations with their matching messages. The
// server answers agents in the agents' shape; the document's union also carries the customers'
// (the same route serves the widget), which the console never gets and leaves out.
import type { AgentSearchResult, SearchResponse } from '@smartchat/contracts';
import type { ApiAnswer } from '@smartchat/frontend-kit';
import { api } from '../state/session.js';
import type { SearchApiQuery } from './search-state.js';

export interface SearchPage {
  results: AgentSearchResult[];
  nextCursor: string | null;
  terms: SearchResponse['terms'];
}

type AnswerResult = ApiAnswer<'/v1/search', 'get'>['results'][number];

/** `signal` aborts the request; an aborted request rejects (as a network failure): callers check the signal. */
export async function searchMessages(query: SearchApiQuery & { cursor?: string }, signal?: AbortSignal): Promise<SearchPage> {
  const answer = await api.get('/v1/search', { params: { query }, signal });
  return { results: answer.results.filter(isAgentResult), nextCursor: answer.nextCursor, terms: answer.terms };
}

function isAgentResult(result: AnswerResult): result is Extract<AnswerResult, { conversation: { channel: unknown } }> {
  return 'channel' in result.conversation;
}
