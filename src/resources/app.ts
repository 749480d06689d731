/**
 * Apps (spec: /v2/apps). Identity: displayName. PATCH merges `settings` per field and
 * replaces `metadata` wholesale (spec UpdateApp), so settings diff per key while the
 * declared metadata is owned whole. Keys with sunco's reserved prefix (reserved-keys.ts:
 * fingerprints, bindings) are bookkeeping, never diffed as metadata.
 */
import { KIND_FIELDS } from './fields.js';
import { mapEntries } from './common.js';
import { reservedKeysOf, withoutReservedKeys } from './reserved-keys.js';
import type { Raw, ResourceKind } from './types.js';
import { isPlainObject, pick } from './values.js';

function withoutReserved(metadata: unknown): Raw | undefined {
  return isPlainObject(metadata) ? withoutReservedKeys(metadata) : undefined;
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
  // PATCH replaces metadata wholesale (spec UpdateApp): carry sunco's reserved keys over.
  keepOnUpdate: (body, liveRaw) => {
    const kept = isPlainObject(liveRaw.metadata) ? reservedKeysOf(liveRaw.metadata) : {};
    if (isPlainObject(body.metadata) && Object.keys(kept).length > 0) body.metadata = { ...body.metadata, ...kept };
  },
  label: (raw) => `"${String(raw.displayName)}"`,
};
