export * from './commerce.ts';
export * from './conversations.ts';
export * from './events.ts';
export * from './imports.ts';
export * from './integrations.ts';
export * from './security.ts';
export * from './tenancy.ts';
export * from './vectors.ts';
