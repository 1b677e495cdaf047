export * from './assert-never';
export * from './civil-date';
export * from './currency';
export * from './domain-error';
export * from './fiscal-calendar';
export * from './money';
export * from './normalise-company-name';
export * from './vocabulary';
