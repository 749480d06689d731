/**
 * One live object → its config entry, through the kind's own normalization (kind.live: read
 * shapes mapped to write shapes, references as addresses) and its name map read backwards
 * (`nextSwitchboardIntegrationId` → `next`). What is written: every writable field the API
 * returns, except values equal to the API's default; references by logical name; write-only
 * fields and channel credentials as `${VARIABLES}`. Secrets the API returns go to the result's
 * secrets, never into the entry.
 */
import { roleOf } from '../resources/common.js';
import type { FieldSpec } from '../resources/fields.js';
import type { LiveNode, Raw, RefContext, ResourceKind } from '../resources/types.js';
import { pathSegments, replaceAtPaths } from '../resources/sensitive-record.js';
import { deepEqual, isPlainObject, isRef } from '../resources/values.js';
import type { ExportResult } from './types.js';
import { type VariableNames, reference } from './variables.js';

export interface EntryContext {
  refs: RefContext;
  /** The logical name of the entry at this address, when it is exported. */
  nameAt(address: string): string | undefined;
  variables: VariableNames;
  result: ExportResult;
  /** Logical names from the app down to this entry, for variable names (support, telegram). */
  nameParts: string[];
  /** The object's fields the app's record names as sensitive (API paths: resources/sensitive-record.ts). */
  sensitive?: readonly string[];
}

function isReadOnly(spec: FieldSpec): boolean {
  return spec.create === 'none' && spec.update === 'none';
}

export function entryFields(k: ResourceKind, node: LiveNode, address: string, ctx: EntryContext): Raw {
  const live = k.live(node.raw, ctx.refs);
  const out: Raw = {};
  const unresolved: [string, unknown][] = [];
  const variable = (field: string, reason: 'write-only' | 'credential' | 'sensitive'): string => {
    const name = ctx.variables.take(...ctx.nameParts, field);
    ctx.result.variables.push({ name, address, field, reason, ...(reason !== 'write-only' ? { savedIn: { key: `${address}#${field}` } } : {}) });
    return reference(name);
  };
  // Values sunco applied from sensitive variables (the app's record names their fields:
  // resources/sensitive-record.ts) are variables too, their values saved like credentials.
  const sensitive = ctx.sensitive ?? [];
  for (const spec of k.fieldSpecs(node.raw)) {
    const role = roleOf(spec);
    // The switchboard integration's `name` is its map key.
    if (role === 'name') continue;
    if (isReadOnly(spec)) {
      // Generated secrets (key, webhook, messagebird webhookSecret) go to the secrets file, keyed as sunco-apply keys them.
      const v = node.raw[spec.name];
      if (spec.generated && typeof v === 'string' && v !== '') ctx.result.secrets[address] = { id: node.id, secret: v };
      continue;
    }
    const field = k.configName(spec.name);
    if (spec.writeOnly) {
      out[field] = variable(field, 'write-only');
      continue;
    }
    const value = live[spec.name];
    if (value === undefined || value === null) continue;
    if (role === 'reference') {
      const name = isRef(value) ? ctx.nameAt(value.$ref) : undefined;
      if (name !== undefined) out[field] = name;
      else unresolved.push([field, value]);
      continue;
    }
    if (spec.credential) {
      if (typeof value === 'string' && value !== '') {
        out[field] = variable(field, 'credential');
        ctx.result.secrets[`${address}#${field}`] = { id: node.id, secret: value };
      }
      continue;
    }
    if (spec.default !== undefined && deepEqual(value, spec.default)) continue;
    if (isPlainObject(value) && Object.keys(value).length === 0) continue;
    const recorded = sensitive.filter((p) => pathSegments(p)[0] === spec.name);
    if (recorded.length > 0) {
      const replaced = replaceAtPaths({ [spec.name]: value }, recorded, (path, v) => {
        const configPath = [field, ...pathSegments(path).slice(1)].join('.');
        ctx.result.secrets[`${address}#${configPath}`] = { id: node.id, secret: String(v) };
        return variable(configPath, 'sensitive');
      });
      out[field] = replaced[spec.name];
      continue;
    }
    out[field] = value;
  }
  // The API returns the linked integration's type beside integrationId (spec
  // switchboardIntegration); the config takes one or the other, so a named one wins.
  if (out.integration !== undefined) delete out.integrationType;
  for (const [field, value] of unresolved) {
    // An integrationType routes to an integration the API does not list (zd:agentWorkspace,
    // an OAuth client): its integrationId names nothing to export, and needs not.
    if (field === 'integration' && out.integrationType !== undefined) continue;
    ctx.result.notes.push(`${address}: ${field} points to ${describeRef(value)}, which is not exported; it is left out`);
  }
  return out;
}

function describeRef(v: unknown): string {
  if (!isRef(v)) return JSON.stringify(v);
  if (v.$ref.startsWith('id:')) return `id ${v.$ref.slice(3)}`;
  if (v.$ref.startsWith('name:')) return `"${v.$ref.slice(5)}"`;
  return v.$ref;
}
