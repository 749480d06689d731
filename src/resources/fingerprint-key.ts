/**
 * The one app metadata key that holds fingerprints of applied write-only values
 * (DESIGN.md, "Write-only values"). The metadata diff ignores it.
 */
export const FINGERPRINT_KEY = 'sunco:fingerprints';
