// Message search as other packages use it (the search benchmark times the store itself).
export { SearchStore, encodeCursor, decodeCursor, snippetOf, type SearchStoreOptions } from './search-store.js';
export { parseSearchQuery, QueryRefused, type SearchTerm } from './query-terms.js';
export { InboxStore } from '../store/inbox.js';
