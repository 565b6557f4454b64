export * from './api.js';
export * from './connection.js';
export * from './i18n.js';
export { Icon, type IconName } from './icons.jsx';
export * from './ids.js';
export * from './outbox.js';
export { MessageBody, type MessageImage } from './markup.jsx';
export * from './messages.js';
export * from './replay.js';
