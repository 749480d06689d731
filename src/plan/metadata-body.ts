/**
 * How a flat map of user values (app metadata, ResourceKind.keyedFields) goes into a step
 * body: key by key, each value itself or its own `$secret` placeholder when sensitive
 * (sensitive.ts decides which). A placeholder for the whole map cannot work: sunco adds its
 * reserved keys beside the user's, and `{"$secret": …, "sunco:fingerprints": …}` is no
 * longer a placeholder; it was sent as is and destroyed the metadata (issue 13).
 */
import type { Raw } from '../resources/types.js';
import type { Sensitivity } from './sensitive.js';

export function keyedBody(s: Sensitivity, address: string, field: string, value: Raw): Raw {
  const out: Raw = {};
  for (const [key, v] of Object.entries(value)) out[key] = s.bodyValue(address, `${field}.${key}`, v);
  return out;
}
