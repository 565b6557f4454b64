export * from './auth.js';
export * from './conversation.js';
export * from './domain-events.js';
export * from './errors.js';
export * from './message.js';
export * from './names.js';
export * from './socket-events.js';
export * from './attachment.js';
