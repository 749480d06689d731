/**
 * Turns decided items into API calls (Plan.steps), before ordering. Creates hold back
 * their link fields (set by a `link` PATCH once what they point to exists); a custom
 * integration's first webhook rides in its create; updates carry only what changed.
 * Dependencies are added by order.ts from paths and references, plus the explicit ones here.
 */
import { KINDS } from '../resources/registry.js';
import type { Raw } from '../resources/types.js';
import { isPlainObject } from '../resources/values.js';
import { isSecretField } from './diff-fields.js';
import { keyedBody } from './metadata-body.js';
import { type Item, stepId } from './items.js';
import type { Sensitivity } from './sensitive.js';
import type { CreatedResource, Step } from './types.js';

function base(item: Item, op: Exclude<Step['operation'], 'bookkeeping'>, method: Step['method'], path: string): Step {
  return { id: stepId(item, op === 'link' ? 'link' : op), address: item.address, kind: item.kind.name, operation: op, method, path, dependsOn: [], app: item.app };
}

/** Body of declared fields (minus `omit`), sensitive values as $secret placeholders. */
function fieldsBody(item: Item, s: Sensitivity, only?: (field: string) => boolean): Raw {
  const desired = item.kind.desired(item.node!);
  const body: Raw = {};
  for (const [field, value] of Object.entries(desired)) {
    if (only && !only(field)) continue;
    if (item.kind.keyedFields?.includes(field) && isPlainObject(value)) body[field] = keyedBody(s, item.address, field, value);
    else body[field] = s.bodyValue(item.address, field, value, isSecretField(item.kind, desired, field));
  }
  return body;
}

function createSteps(item: Item, s: Sensitivity): Step[] {
  const k = item.kind;
  const step = base(item, 'create', 'POST', item.listPath);
  const desired = k.desired(item.node!);
  const creates: CreatedResource[] = [{ address: item.address, idPath: `${k.responseKey}.id` }];
  const secret = k.generatedSecret?.(desired);
  if (secret) creates[0]!.secretPath = `${k.responseKey}.${secret}`;
  if (!k.emptyCreate) {
    const body = fieldsBody(item, s, (f) => !k.linkFields.includes(f));
    const inline = k.inlineChild?.(desired);
    const first = inline && item.children.find((c) => c.kind === KINDS[inline.kind] && c.action === 'create');
    if (inline && first) {
      first.inlinedInto = item;
      body[inline.field] = [fieldsBody(first, s, (f) => !first.kind.linkFields.includes(f))];
      const c: CreatedResource = { address: first.address, idPath: `${k.responseKey}.${inline.field}.0.id` };
      const childSecret = first.kind.generatedSecret?.(first.kind.desired(first.node!));
      if (childSecret) c.secretPath = `${k.responseKey}.${inline.field}.0.${childSecret}`;
      creates.push(c);
    }
    step.body = body;
  }
  step.creates = creates;
  const match: Raw = {};
  // A value from a variable is a $secret placeholder here too, as in the bodies: the plan file
  // must not hold it (masking by value skips values under 4 characters), and apply resolves it.
  for (const [key, v] of Object.entries(k.naturalKey(desired))) if (v !== undefined) match[key] = s.bodyValue(item.address, key, v, false);
  step.adopt = { listPath: item.listPath, itemsKey: k.itemsKey, match };
  if (item.createFirst && item.live) step.adopt.excludeIds = [item.live.id];
  if (item.action === 'replace' && !item.createFirst) step.dependsOn.push(stepId(item, 'delete'));
  const steps = [step];
  const linkBody = fieldsBody(item, s, (f) => k.linkFields.includes(f));
  if (Object.keys(linkBody).length > 0) {
    const link = base(item, 'link', 'PATCH', item.itemPath);
    link.body = linkBody;
    link.dependsOn.push(step.id);
    steps.push(link);
  }
  return steps;
}

function updateStep(item: Item, s: Sensitivity): Step | undefined {
  const k = item.kind;
  const changed = item.compare?.changed ?? new Set<string>();
  const body = item.node ? fieldsBody(item, s, (f) => changed.has(f)) : {};
  for (const field of k.mergeFields ?? []) {
    // Merged per key by the API (app settings): send only the keys that differ.
    const v = body[field];
    if (!isPlainObject(v)) continue;
    const diffKeys = new Set(item.compare!.diffs.filter((d) => d.field.startsWith(`${field}.`)).map((d) => d.field.slice(field.length + 1)));
    body[field] = Object.fromEntries(Object.entries(v).filter(([key]) => diffKeys.has(key)));
  }
  if (item.forced) Object.assign(body, item.forced.body);
  if (Object.keys(body).length === 0) return undefined;
  if (item.live) k.keepOnUpdate?.(body, item.live.raw);
  const step = base(item, 'update', 'PATCH', item.itemPath);
  step.body = body;
  return step;
}

function deleteStep(item: Item): Step {
  const step = base(item, 'delete', 'DELETE', item.itemPath);
  step.dependsOn.push(...item.deleteAfter);
  if (item.createFirst) step.dependsOn.push(stepId(item, 'create'));
  return step;
}

/** The steps of one item, in emission order (ordering is done later). */
export function itemSteps(item: Item, s: Sensitivity): Step[] {
  if (item.inlinedInto) return createLinkOnly(item, s);
  switch (item.action) {
    case 'create':
      return createSteps(item, s);
    case 'replace':
      return item.createFirst ? [...createSteps(item, s), deleteStep(item)] : [deleteStep(item), ...createSteps(item, s)];
    case 'delete':
      return [deleteStep(item)];
    case 'update':
    case 'none':
    case 'unmanaged': {
      const u = updateStep(item, s);
      return u ? [u] : [];
    }
  }
}

/** An inlined child is created by its parent's step; it only needs its own link fields, if any. */
function createLinkOnly(item: Item, s: Sensitivity): Step[] {
  const body = fieldsBody(item, s, (f) => item.kind.linkFields.includes(f));
  if (Object.keys(body).length === 0) return [];
  const link = base(item, 'link', 'PATCH', item.itemPath);
  link.body = body;
  link.dependsOn.push(stepId(item.inlinedInto!, 'create'));
  return [link];
}
