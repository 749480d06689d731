/**
 * The app metadata size limit: RESOURCES.md "App metadata", at most 4096 bytes (spec
 * UpdateApp 400 example: "App metadata is limited to 4096 bytes in size."), measured as the
 * UTF-8 bytes of its JSON. The config check, the planner's fingerprint step and the emulator
 * all use this one rule.
 */
export const METADATA_LIMIT_BYTES = 4096;

export function metadataBytes(metadata: unknown): number {
  return Buffer.byteLength(JSON.stringify(metadata), 'utf8');
}
