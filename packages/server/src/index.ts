export * from './config/load-config';
export * from './db/company-settings';
export type { Session, Store } from './db/store';
export * from './services/open-cairn';
export * from './ingest/import-file';
export * from './ingest/import-rejects';
export * from './ingest/list-imports';
export * from './services/derive-facts';
