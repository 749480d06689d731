/**
 * Rules the schema cannot express, checked on the merged config once every file passed
 * the schema: references by logical name, ambiguous identities, the metadata size limit,
 * the switchboard's default, and what an `absent` app may declare. All issues at once.
 */
import { address } from './address.js';
import { didYouMean } from './did-you-mean.js';
import { codeFrame, type ConfigIssue } from './issues.js';
import type { Merged } from './merge.js';
import type { AppConfig } from './types.js';

/** RESOURCES.md, "App metadata": at most 4096 bytes (400 `App metadata is limited to 4096 bytes in size.`). */
export const MAX_METADATA_BYTES = 4096;

export function checkReferences(merged: Merged): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const report = (segments: string[], onKey: boolean, addr: string, code: string, message: string, hint?: string) => {
    if (merged.failed(segments)) return; // already reported as a variable issue
    const { file, pos } = merged.at(segments);
    const line = onKey ? pos.keyLine : pos.line;
    const column = onKey ? pos.keyColumn : pos.column;
    issues.push({ file: file.source.shown, line, column, address: addr, code, message, hint, frame: codeFrame(file.source.text, line, column) });
  };
  const apps = merged.config.apps;
  duplicates(Object.entries(apps).map(([n, a]) => ({ path: ['apps', n], addr: address.app(n), id: a.id, key: a.displayName, what: `displayName "${a.displayName}"` })), 'app', report);
  for (const [name, app] of Object.entries(apps)) checkApp(name, app, report);
  return issues;
}

type Report = (segments: string[], onKey: boolean, addr: string, code: string, message: string, hint?: string) => void;

function checkApp(a: string, app: AppConfig, report: Report): void {
  const base = ['apps', a];
  const appAddr = address.app(a);
  if (app.absent) {
    if (app.protect) report([...base, 'protect'], true, appAddr, 'absent_protected', 'an absent app cannot be protected: protect forbids the deletion absent asks for');
    const extra = (['settings', 'metadata', 'keys', 'integrations', 'switchboard'] as const).filter((k) => app[k] !== undefined);
    for (const k of extra) report([...base, k], true, appAddr, 'absent_with_children', `an absent app is deleted with everything in it: remove "${k}"`);
    if (app.id === undefined && app.displayName === undefined) report(base, true, appAddr, 'missing_field', 'an absent app needs "id" or "displayName" to find the app to delete');
  }
  if (app.metadata !== undefined) {
    const bytes = Buffer.byteLength(JSON.stringify(app.metadata), 'utf8');
    if (bytes > MAX_METADATA_BYTES) report([...base, 'metadata'], true, appAddr, 'metadata_too_large', `metadata is ${bytes} bytes as JSON; the API allows at most ${MAX_METADATA_BYTES}`);
  }
  const integrations = app.integrations ?? {};
  const sb = app.switchboard;
  const sbNames = Object.keys(sb?.integrations ?? {});
  const refSb = (segments: string[], addr: string, value: string, field: string) => {
    if (sbNames.includes(value)) return;
    if (!sb) report(segments, false, addr, 'unknown_reference', `${field} names switchboard integration "${value}", but app "${a}" declares no switchboard`);
    else report(segments, false, addr, 'unknown_reference', `${field} names unknown switchboard integration "${value}"`, didYouMean(value, sbNames) ?? (sbNames.length ? `declared: ${sbNames.join(', ')}` : undefined));
  };
  for (const [i, integ] of Object.entries(integrations)) {
    const addr = address.integration(a, i);
    if (integ.defaultResponder !== undefined) refSb([...base, 'integrations', i, 'defaultResponder'], addr, integ.defaultResponder, 'defaultResponder');
    duplicates(Object.entries(integ.webhooks ?? {}).map(([w, h]) => ({ path: [...base, 'integrations', i, 'webhooks', w], addr: address.webhook(a, i, w), id: h.id, key: h.target, what: `target ${h.target}` })), 'webhook', report);
    duplicates(Object.entries(integ.keys ?? {}).map(([k, key]) => ({ path: [...base, 'integrations', i, 'keys', k], addr: address.integrationKey(a, i, k), id: key.id, key: key.displayName, what: `displayName "${key.displayName}"` })), 'key', report);
  }
  duplicates(Object.entries(integrations).map(([i, integ]) => ({
    path: [...base, 'integrations', i], addr: address.integration(a, i), id: integ.id,
    key: `${integ.type}\u0000${integ.displayName ?? ''}`, what: `type ${integ.type} and ${integ.displayName === undefined ? 'no displayName' : `displayName "${integ.displayName}"`}`,
  })), 'integration', report);
  duplicates(Object.entries(app.keys ?? {}).map(([k, key]) => ({ path: [...base, 'keys', k], addr: address.appKey(a, k), id: key.id, key: key.displayName, what: `displayName "${key.displayName}"` })), 'key', report);
  if (!sb) return;
  const sbAddr = address.switchboard(a);
  if (sb.default !== undefined) refSb([...base, 'switchboard', 'default'], sbAddr, sb.default, 'default');
  else if (sb.enabled === true) report([...base, 'switchboard', 'enabled'], true, sbAddr, 'enabled_without_default', 'an enabled switchboard needs a default switchboard integration (set "default")');
  const names = Object.keys(integrations);
  for (const [s, si] of Object.entries(sb.integrations ?? {})) {
    const path = [...base, 'switchboard', 'integrations', s];
    const addr = address.switchboardIntegration(a, s);
    if (si.integration !== undefined && !names.includes(si.integration)) {
      report([...path, 'integration'], false, addr, 'unknown_reference', `integration names unknown integration "${si.integration}" of app "${a}"`, didYouMean(si.integration, names) ?? (names.length ? `declared: ${names.join(', ')}` : undefined));
    }
    if (si.integration === undefined && si.integrationType === undefined) report(path, true, addr, 'missing_field', 'a switchboard integration needs "integration" (a declared integration) or "integrationType"');
    if (si.integration !== undefined && si.integrationType !== undefined) report([...path, 'integrationType'], true, addr, 'conflicting_fields', 'set either "integration" or "integrationType", not both');
    if (si.next !== undefined) refSb([...path, 'next'], addr, si.next, 'next');
  }
}

interface Identity {
  path: string[];
  addr: string;
  id?: string;
  key: string | undefined;
  what: string;
}

/**
 * DESIGN.md, "Identity": entries are matched to live objects by natural key unless pinned by
 * id. Two unpinned entries with one natural key (or two with one id) would be ambiguous.
 */
function duplicates(entries: Identity[], kind: string, report: Report): void {
  const byKey = new Map<string, Identity>();
  const byId = new Map<string, Identity>();
  for (const e of entries) {
    if (e.id !== undefined) {
      const first = byId.get(e.id);
      if (first) report(e.path, true, e.addr, 'duplicate_identity', `${kind} id ${e.id} is also pinned by ${first.addr}`);
      else byId.set(e.id, e);
      continue;
    }
    if (e.key === undefined) continue;
    const first = byKey.get(e.key);
    if (first) report(e.path, true, e.addr, 'duplicate_identity', `${kind} with ${e.what} is declared twice (also ${first.addr}): the match would be ambiguous`, 'give one of them an "id", or change it');
    else byKey.set(e.key, e);
  }
}
