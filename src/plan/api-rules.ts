/**
 * Rules the API enforces that the planner must order around (RESOURCES.md, "Rules the API
 * enforces that decide the order of calls"). They relate resources of different kinds, so
 * they live here, in one place, rather than spread through the planner:
 *
 * - a switchboard integration that is the default or someone's `next` cannot be deleted
 *   (spec DeleteSwitchboardIntegration): move or unset those references first;
 * - an integration that switchboard integrations point to is replaced create-first: create
 *   the new one, repoint them (PATCH integrationId), then delete the old one;
 * - an integration is deleted after the switchboard integrations that point to it are
 *   deleted or repointed.
 *
 * This is the one file outside src/resources/ that names kinds: each rule ties two kinds
 * together (spec DeleteSwitchboardIntegration, UpdateSwitchboardIntegration, DeleteIntegration),
 * so it belongs to neither kind's module.
 */
import type { LiveNode, Raw } from '../resources/types.js';
import { ref } from '../resources/values.js';
import { type Item, isDeleted, stepId, walkItems } from './items.js';
import type { FieldDiff } from './types.js';

/** Adds an update an API rule forces to an item (turning "no change" into an update). */
function force(item: Item, field: string, value: unknown, diff: FieldDiff, reason: string): void {
  item.forced ??= { body: {}, diffs: [] };
  item.forced.body[field] = value;
  item.forced.diffs.push(diff);
  if (item.action === 'none' || item.action === 'unmanaged') {
    item.action = 'update';
    item.change = { address: item.address, kind: item.kind.name, action: 'update', fields: [], reason, liveId: item.live?.id };
  }
  const fields = item.change!.fields;
  const i = fields.findIndex((f) => f.field === field);
  if (i >= 0) fields[i] = diff;
  else fields.push(diff);
}

function updates(item: Item, field: string): boolean {
  return item.compare?.changed.has(field) === true || item.forced?.body[field] !== undefined;
}

function rawOf(item: Item): Raw {
  return (item.live as LiveNode).raw;
}

export function applyApiRules(appItems: Item[], errors: string[]): void {
  for (const app of appItems) {
    const all = [...walkItems([app])];
    const sis = all.filter((i) => i.kind.name === 'switchboard-integration' && i.live);
    const sb = all.find((i) => i.kind.name === 'switchboard' && i.live);
    for (const integ of all.filter((i) => i.kind.name === 'integration' && i.live)) {
      const referrers = sis.filter((si) => rawOf(si).integrationId === integ.live!.id);
      // A switchboard that is deleted takes its switchboard integrations with it (RESOURCES.md
      // "Deleting"): then the integrations they route to go after the switchboard.
      if (sb && isDeleted(sb) && (integ.action === 'delete' || integ.action === 'replace')) {
        const routed = (sb.live!.children['switchboard-integration'] ?? []).some((n) => n.raw.integrationId === integ.live!.id);
        if (routed) integ.deleteAfter.push(stepId(sb, 'delete'));
      }
      if (integ.action === 'replace' && referrers.length > 0) {
        integ.createFirst = true;
        for (const si of referrers) {
          if (isDeleted(si)) {
            integ.deleteAfter.push(stepId(si, 'delete'));
            continue;
          }
          // Same address before and after, different objects: show the old object's id so that
          // the change never reads "X → X".
          force(si, 'integrationId', ref(integ.address), { field: 'integrationId', before: ref(`id:${integ.live!.id}`), after: ref(integ.address) }, `repointed to the replacement of ${integ.address}`);
          integ.deleteAfter.push(stepId(si, 'update'));
        }
      }
      if (integ.action === 'delete') {
        for (const si of referrers) {
          if (isDeleted(si)) integ.deleteAfter.push(stepId(si, 'delete'));
          else if (updates(si, 'integrationId')) integ.deleteAfter.push(stepId(si, 'update'));
        }
      }
    }
    for (const si of sis.filter(isDeleted)) {
      const sb = si.parent!;
      if (sb.live && rawOf(sb).defaultSwitchboardIntegrationId === si.live!.id) {
        if (updates(sb, 'defaultSwitchboardIntegrationId')) si.deleteAfter.push(stepId(sb, 'update'));
        else errors.push(`${si.address}: cannot be deleted while it is the switchboard's default; set \`default\` of ${sb.address} to another switchboard integration`);
      }
      for (const other of sis) {
        if (other === si || isDeleted(other) || rawOf(other).nextSwitchboardIntegrationId !== si.live!.id) continue;
        if (!updates(other, 'nextSwitchboardIntegrationId')) {
          force(other, 'nextSwitchboardIntegrationId', null, { field: 'nextSwitchboardIntegrationId', before: ref(si.address), after: null }, `next unset: ${si.address} is deleted`);
        }
        si.deleteAfter.push(stepId(other, 'update'));
      }
    }
  }
}
