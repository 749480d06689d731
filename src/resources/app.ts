/**
 * Apps (spec: /v2/apps). Identity: displayName. PATCH merges `settings` per field and
 * replaces `metadata` wholesale (spec UpdateApp), so settings diff per key while the
 * declared metadata is owned whole. One metadata key is reserved for write-only value
 * fingerprints (src/plan/fingerprints.ts) and is never diffed as metadata.
 */
import { FINGERPRINT_KEY } from '../plan/fingerprint-key.js';
import { KIND_FIELDS } from './fields.js';
import { mapEntries } from './common.js';
import type { Raw, ResourceKind } from './types.js';
import { isPlainObject, pick } from './values.js';

function withoutReserved(metadata: unknown): Raw | undefined {
  if (!isPlainObject(metadata)) return undefined;
  const { [FINGERPRINT_KEY]: _fp, ...rest } = metadata;
  return rest;
}

export const appKind: ResourceKind = {
  name: 'app',
  segment: 'app',
  children: ['app-key', 'integration', 'switchboard'],
  itemsKey: 'apps',
  responseKey: 'app',
  paginated: true,
  collection: 'apps',
  entries: (root) => mapEntries(root, 'apps'),
  naturalKey: (obj) => ({ displayName: obj.displayName }),
  fieldSpecs: () => KIND_FIELDS.app,
  desired: (node) => {
    const out = pick(node.entry, ['displayName', 'settings']);
    if (node.entry.metadata !== undefined) out.metadata = withoutReserved(node.entry.metadata) ?? {};
    return out;
  },
  live: (raw) => ({
    displayName: raw.displayName,
    settings: isPlainObject(raw.settings) ? raw.settings : {},
    metadata: withoutReserved(raw.metadata) ?? {},
  }),
  linkFields: [],
  setFields: [],
  mergeFields: ['settings'],
  // PATCH replaces metadata wholesale (spec UpdateApp): carry the recorded fingerprints over.
  keepOnUpdate: (body, liveRaw) => {
    const fp = isPlainObject(liveRaw.metadata) ? liveRaw.metadata[FINGERPRINT_KEY] : undefined;
    if (isPlainObject(body.metadata) && fp !== undefined) body.metadata = { ...body.metadata, [FINGERPRINT_KEY]: fp };
  },
  label: (raw) => `"${String(raw.displayName)}"`,
};
