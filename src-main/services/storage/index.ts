/** Small storage helpers: atomic file replacement, JSON files and text decoding. */
export { replaceFile } from './atomic-replace';
export { JsonFile } from './json-file';
export { decodeText } from './text-decoding';
