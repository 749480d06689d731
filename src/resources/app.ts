/**
 * Apps (spec: /v2/apps). Identity: displayName. PATCH merges `settings` per field and
 * replaces `metadata` wholesale (spec UpdateApp), so settings diff per key while the
 * declared metadata is owned whole. Keys with sunco's reserved prefix (reserved-keys.ts:
 * fingerprints, bindings) are bookkeeping, never diffed as metadata.
 */
import { KIND_FIELDS } from './fields.js';
import { nameMap, planSpecs } from './common.js';
import { METADATA_LIMIT_BYTES, metadataBytes } from './metadata.js';
import { BINDINGS_KEY, reservedKeysOf, withoutReservedKeys } from './reserved-keys.js';
import type { EntryIssue, Raw, ResourceKind } from './types.js';
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
  configKey: 'apps',
  noun: 'app',
  rows: () => KIND_FIELDS.app,
  ...nameMap(KIND_FIELDS.app),
  naturalKey: (obj) => ({ displayName: obj.displayName }),
  renameField: 'displayName',
  fieldSpecs: () => planSpecs(KIND_FIELDS.app),
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
  keyedFields: ['metadata'],
  // PATCH replaces metadata wholesale (spec UpdateApp): carry sunco's reserved keys over.
  // Bindings are the one key that may be given up to stay within the limit (the plan's
  // bookkeeping step then says so); values not yet resolved are measured as their placeholders.
  keepOnUpdate: (body, liveRaw) => {
    const kept = isPlainObject(liveRaw.metadata) ? reservedKeysOf(liveRaw.metadata) : {};
    if (!isPlainObject(body.metadata) || Object.keys(kept).length === 0) return;
    const all = { ...body.metadata, ...kept };
    if (metadataBytes(all) > METADATA_LIMIT_BYTES) delete all[BINDINGS_KEY];
    body.metadata = all;
  },
  label: (raw) => `"${String(raw.displayName)}"`,
  irreversible: (diffs) =>
    KIND_FIELDS.appSettings.flatMap((row) => {
      const rule = 'irreversible' in row ? row.irreversible : undefined;
      const d = diffs.find((f) => f.field === `settings.${row.name}`);
      if (rule === undefined || d === undefined || d.before !== true || d.after === true) return [];
      return [`settings.${row.name} cannot go from true to ${JSON.stringify(d.after ?? null)}: the spec says "${rule.replace(/\*\*/g, '')}" (appSettings.${row.name}); set it back to true, or remove it from the config to leave it as it is`];
    }),
  validate: ({ entry }) => {
    const out: EntryIssue[] = [];
    if (entry.absent) {
      if (entry.protect) out.push({ field: 'protect', onKey: true, code: 'absent_protected', message: 'an absent app cannot be protected: protect forbids the deletion absent asks for' });
      for (const k of ['settings', 'metadata', 'keys', 'integrations', 'switchboard']) {
        if (entry[k] !== undefined) out.push({ field: k, onKey: true, code: 'absent_with_children', message: `an absent app is deleted with everything in it: remove "${k}"` });
      }
      if (entry.id === undefined && entry.displayName === undefined) out.push({ onKey: true, code: 'missing_field', message: 'an absent app needs "id" or "displayName" to find the app to delete' });
    }
    if (entry.metadata !== undefined) {
      const bytes = metadataBytes(entry.metadata);
      if (bytes > METADATA_LIMIT_BYTES) out.push({ field: 'metadata', onKey: true, code: 'metadata_too_large', message: `metadata is ${bytes} bytes as JSON; the API allows at most ${METADATA_LIMIT_BYTES}` });
    }
    return out;
  },
};
