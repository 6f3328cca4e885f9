/** Both message catalogs, for tests that read the page in the words it shows. */
export { en, type MessageKey } from './en.ts';
export { zh } from './zh.ts';
