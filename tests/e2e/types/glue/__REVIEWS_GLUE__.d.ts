export * from './glue';
export { default } from './glue';
