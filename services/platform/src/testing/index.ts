export * from './local-env.js';
export * from './resources.js';
export * from './wait.js';
export * from './dependencies.js';
