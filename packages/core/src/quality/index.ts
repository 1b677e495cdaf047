export * from './find-duplicate-customers';
