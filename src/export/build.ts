/**
 * Live state → a config document (DESIGN.md "Export"): the inverse of the planner's
 * normalization, so that planning the export against the same account is empty. Pure: the
 * command reads the live state and writes the files.
 *
 * Walks the registry like the planner does: each kind's entries sit under its `configKey`
 * in the parent entry, named from their display names (names.ts), in id order.
 */
import { appBindingOf } from '../resources/bindings.js';
import { refContextFor } from '../resources/ref-context.js';
import { SELF, type SensitiveRecord, parseSensitiveRecord, recordKey } from '../resources/sensitive-record.js';
import { MASK } from '../secret-mask.js';
import { addressOf } from '../resources/addresses.js';
import { KINDS, ROOT_KIND } from '../resources/registry.js';
import type { LiveNode, Raw, RefContext, ResourceKind } from '../resources/types.js';
import { canonicalJson } from '../resources/values.js';
import { zendeskManaged } from '../resources/zendesk-managed.js';
import { entryFields } from './entry.js';
import { byId, slug, uniqueNames } from './names.js';
import type { ExportComment, ExportOptions, ExportResult } from './types.js';
import { VariableNames } from './variables.js';

/** A live object with the name and address it is exported under. */
interface Named {
  node: LiveNode;
  name: string;
  address: string;
  /** Its fields the app's record names as sensitive (API paths). */
  sensitive: string[];
  /** Its id is written: --pin-ids, or its natural key is shared with a sibling. */
  pin?: string;
  children: Named[];
}

function hostOf(target: unknown): string {
  try {
    return new URL(String(target)).hostname;
  } catch {
    return '';
  }
}

/**
 * The name an object asks for: its API name where the kind is keyed by one, else its display
 * name (or webhook host). A field the record names as sensitive never names an entry (the
 * name is an address, printed everywhere): an app then takes the name it was applied as.
 */
function wantedName(k: ResourceKind, node: LiveNode, sensitive: readonly string[]): string {
  const raw = node.raw;
  const shown = (field: string): boolean => !sensitive.includes(field);
  const named = k.fieldSpecs(raw).find((s) => s.role === 'name');
  if (named && typeof raw[named.name] === 'string') return raw[named.name] as string;
  if (typeof raw.displayName === 'string' && raw.displayName.trim() !== '' && shown('displayName')) return slug(raw.displayName, k.segment);
  if (typeof raw.target === 'string' && shown('target')) return slug(hostOf(raw.target), k.segment);
  if (k === ROOT_KIND && appBindingOf(node) !== undefined) return slug(appBindingOf(node), 'app');
  return slug(raw.type, k.segment || 'app');
}

/** The fields of this object that the app's record names as sensitive (resources/sensitive-record.ts). */
function sensitiveOf(node: LiveNode, record: SensitiveRecord | undefined): string[] {
  if (!record) return parseSensitiveRecord(node.raw.metadata).get(SELF) ?? [];
  return record.get(recordKey(node.id)) ?? [];
}

/** Names siblings of one kind (in id order) and says which must be pinned by id. */
function nameSiblings(k: ResourceKind, nodes: LiveNode[], parentAddress: string | undefined, options: ExportOptions, record?: SensitiveRecord): Named[] {
  const ordered = byId(nodes);
  const names = k.singleton ? ordered.map(() => '') : uniqueNames(ordered.map((n) => wantedName(k, n, sensitiveOf(n, record))));
  const keys = ordered.map((n) => canonicalJson(k.naturalKey(n.raw)));
  return ordered.map((node, i) => {
    const shared = !k.singleton && keys.filter((key) => key === keys[i]).length > 1;
    const sensitive = sensitiveOf(node, record);
    const named: Named = { node, name: names[i]!, address: addressOf(k, parentAddress, names[i]!), sensitive, children: [] };
    if (shared) named.pin = `Pinned by id: ${keys.filter((key) => key === keys[i]).length} live ${k.noun}s share its identity (${describeKey(k.naturalKey(node.raw), sensitive)}).`;
    // An app-scoped key cannot list apps: its app is found by id only (RESOURCES.md "Who holds which key").
    else if (options.appScoped && k === ROOT_KIND) named.pin = 'Pinned by id: an app-scoped key finds its app by id only.';
    else if (options.pinIds) named.pin = '';
    for (const childName of k.children) {
      const kids = node.children[childName];
      if (kids) named.children.push(...nameSiblings(KINDS[childName], kids, named.address, options, record ?? parseSensitiveRecord(node.raw.metadata)));
    }
    return named;
  });
}

function describeKey(key: Record<string, unknown>, sensitive: readonly string[]): string {
  return Object.entries(key).map(([f, v]) => `${f} ${v === undefined ? '(none)' : sensitive.includes(f) ? MASK : JSON.stringify(v)}`).join(', ');
}

function* walkNamed(items: Named[]): Generator<Named> {
  for (const i of items) {
    yield i;
    yield* walkNamed(i.children);
  }
}

export function exportState(apps: LiveNode[], options: ExportOptions = {}): ExportResult {
  const result: ExportResult = { apps: [], variables: [], secrets: {}, notes: [] };
  const variables = new VariableNames();
  for (const app of nameSiblings(ROOT_KIND, apps, undefined, options)) {
    const byAddress = new Map<string, Named>();
    const addressOfId = new Map<string, string>();
    for (const n of walkNamed([app])) {
      byAddress.set(n.address, n);
      addressOfId.set(n.node.id, n.address);
    }
    const refs: RefContext = refContextFor(app.node, (id) => addressOfId.get(id));
    const comments: ExportComment[] = [];
    const build = (n: Named, path: string[], nameParts: string[]): Raw => {
      const k = KINDS[n.node.kind];
      const fields = entryFields(k, n.node, n.address, {
        refs, nameAt: (addr) => byAddress.get(addr)?.name, variables, result, nameParts, sensitive: n.sensitive,
      });
      const entry: Raw = n.pin !== undefined ? { id: n.node.id, ...fields } : fields;
      if (n.pin) comments.push({ path, text: n.pin });
      const managed = zendeskManaged(k.name, n.node.raw, { appScoped: options.appScoped === true });
      if (managed) {
        entry.protect = true;
        comments.push({ path, text: managed });
      }
      const inline = k.inlineChild?.(n.node.raw);
      if (inline && !n.children.some((c) => c.node.kind === inline.kind)) {
        // The config declares such an entry with at least one (its create sends one inline).
        result.notes.push(`${n.address}: it has no ${KINDS[inline.kind].noun}, and the config needs one to declare it; add one before planning`);
      }
      for (const childName of k.children) {
        const ck = KINDS[childName];
        const kids = n.children.filter((c) => c.node.kind === childName);
        if (kids.length === 0) continue;
        if (ck.singleton) entry[ck.configKey] = build(kids[0]!, [...path, ck.configKey], nameParts);
        else {
          const map: Raw = {};
          for (const c of kids) map[c.name] = build(c, [...path, ck.configKey, c.name], [...nameParts, c.name]);
          entry[ck.configKey] = map;
        }
      }
      return entry;
    };
    const entry = build(app, [app.name], [app.name]);
    result.apps.push({ name: app.name, id: app.node.id, entry, comments });
  }
  return result;
}
