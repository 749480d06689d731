/**
 * Config path → address and field: derived from the registry (src/resources/addresses.ts).
 */
export { locate, type Located } from '../resources/addresses.js';
