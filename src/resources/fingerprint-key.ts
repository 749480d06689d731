/**
 * The one app metadata key that holds fingerprints of applied write-only values
 * (DESIGN.md, "Write-only values"). Reserved (src/resources/reserved-keys.ts): the metadata
 * diff ignores it and export leaves it out.
 */
import { RESERVED_METADATA_PREFIX } from './reserved-keys.js';

export const FINGERPRINT_KEY = `${RESERVED_METADATA_PREFIX}fingerprints`;
