// @smartchat/mail: the e-mail channel's mail handling (issue 25), with no knowledge of Smartchat's
// stores: reading a received message (received.ts: parsing; automatic.ts: whether a person wrote it;
// threading.ts: which conversation it belongs to; quotes.ts: what of it is new), the header fields of
// what Smartchat sends (outgoing.ts), and the transports (transport/: an IMAP reader, an SMTP
// listener for relayed mail, an SMTP sender). services/chat/src/mail puts them to work.
export { mailHeaders, headersFromLines, headerValue, messageIds, normalizeAddress, MAX_MESSAGE_IDS, type MailHeaders } from './headers.js';
export { classifyAutomatic, OWN_AUTOMATIC_FIELDS, type AutomaticReason, type AutomaticVerdict } from './automatic.js';
export { threadOf, replyTokenOf, replyAddress, type ThreadCandidate, type ThreadDecision, type ThreadLookup } from './threading.js';
export { splitQuoted, type SplitMessage } from './quotes.js';
export { outgoingMessage, nodemailerOptions, replySubject, replyReferences, MAX_REFERENCES, type AnsweredMessage, type OutgoingInput, type OutgoingMessage, type NodemailerOptions } from './outgoing.js';
export { readReceived, receivedMessageKey, receivedSender, type ReceivedFile, type ReceivedMessage } from './received.js';
export { ImapReader, type ImapReaderOptions, type ImapSettings, type OversizedMessage } from './transport/imap-reader.js';
export { startSmtpReceiver, type SmtpReceiver, type SmtpReceiverOptions } from './transport/smtp-receiver.js';
export { SmtpSender, SendFailure, sendFailureOf, type SmtpSettings, type SendableMessage, type OutgoingAttachment } from './transport/smtp-sender.js';
export { htmlText, sanitizeMailHtml } from './html.js';
