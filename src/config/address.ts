/**
 * Keys of fields in LoadedConfig.sources / sensitive. Addresses themselves (DESIGN.md,
 * "Addresses") are derived from the registry: src/resources/addresses.ts.
 */

/** `address#field`, the key of a field in LoadedConfig.sources / sensitive. */
export function fieldKey(addr: string, field: string): string {
  return `${addr}#${field}`;
}
