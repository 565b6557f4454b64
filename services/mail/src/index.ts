// @smartchat/mail: the e-mail channel (issue 25). So far, reading a received message: whether a
// person wrote it (automatic.ts), which conversation it belongs to (threading.ts) and what of it
// is new (quotes.ts); and the header fields of what Smartchat sends (outgoing.ts). Receiving (IMAP,
// SMTP), storing and the sending queue build on these.
export { mailHeaders, headersFromLines, headerValue, messageIds, normalizeAddress, MAX_MESSAGE_IDS, type MailHeaders } from './headers.js';
export { classifyAutomatic, OWN_AUTOMATIC_FIELDS, type AutomaticReason, type AutomaticVerdict } from './automatic.js';
export { threadOf, replyTokenOf, replyAddress, type ThreadCandidate, type ThreadDecision, type ThreadLookup } from './threading.js';
export { splitQuoted, type SplitMessage } from './quotes.js';
export { outgoingMessage, nodemailerOptions, replySubject, replyReferences, MAX_REFERENCES, type AnsweredMessage, type OutgoingInput, type OutgoingMessage, type NodemailerOptions } from './outgoing.js';
