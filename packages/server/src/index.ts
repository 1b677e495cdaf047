export * from './config/load-config';
export * from './db/company-settings';
export type { Session, Store } from './db/store';
export * from './services/open-cairn';
