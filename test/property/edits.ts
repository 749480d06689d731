/**
 * Random edits of a model (arbitraries.ts `Edit`), each keeping the config valid: change an
 * updatable field, change a create-only field, rename a displayName / target / name, rotate a
 * write-only value or a credential, add or remove an entry, rename a logical key; and the
 * edits of variables (variable-edits.ts) and the interrupted apply. Each says what the plan
 * must do with it where that is certain (a rename is an update where the API allows it).
 */
import type { Edit } from './arbitraries.js';
import type { AppModel, IntegrationModel, Model } from './model.js';
import { INTEGRATION_FIELDS } from '../../src/resources/fields.js';
import { ALL_TYPES, TYPES, credentialValue } from './types.js';
import { variableEdit } from './variable-edits.js';

export interface Applied {
  model: Model;
  /** What was done, for the failure report. */
  said: string;
  /** An address the plan must show as an update (a rename the API allows in place). */
  update?: string;
  /** The edit replaces this protected address: the plan must be refused. */
  protectedReplace?: string;
  /** The same values, differently supplied: the plan changes nothing ('bookkeeping': but sunco's bookkeeping). */
  quiet?: 'nothing' | 'bookkeeping';
  /** Apply with an interrupt after this many steps; `kill`: as kill -9 (a second signal, the secrets in flight not saved). */
  interrupt?: { after: number; kill: boolean };
}

const addr = (app: AppModel, ...rest: string[]) => ['app', app.key, ...rest].join('.');

function pickOf<T>(list: T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** Integrations nothing else refers to (safe to remove). */
function unreferenced(app: AppModel): IntegrationModel[] {
  const used = new Set((app.switchboard?.integrations ?? []).map((s) => s.integration));
  return app.integrations.filter((i) => !used.has(i.key));
}

export function applyEdit(input: Model, edit: Edit, seq: number): Applied | undefined {
  if (edit.kind === 'interrupt') return interrupted(input, edit, seq);
  const variable = variableEdit(input, edit, seq);
  if (variable !== 'not mine') return variable;
  const model = structuredClone(input);
  const app = pickOf(model.apps, edit.pick)!;
  const integ = pickOf(app.integrations, edit.pick >> 2);
  const tag = `${edit.salt}${seq}`;
  switch (edit.kind) {
    case 'updatable': {
      const withField = app.integrations.filter((i) => TYPES[i.type]!.updatable);
      const i = pickOf(withField, edit.pick >> 3);
      if (i) {
        const [field, a, b] = TYPES[i.type]!.updatable!;
        i.fields[field] = i.fields[field] === b ? a : b;
        return { model, said: `set ${addr(app, 'integration', i.key)}#${field}` };
      }
      app.settings = { ...app.settings, echoPostback: !(app.settings?.echoPostback ?? false) };
      return { model, said: `toggle ${addr(app)}#settings.echoPostback` };
    }
    case 'createOnly': {
      const i = pickOf(app.integrations.filter((x) => TYPES[x.type]!.createOnly), edit.pick >> 3);
      if (!i) return undefined;
      const [field, alt] = TYPES[i.type]!.createOnly!;
      i.fields[field] = i.fields[field] === alt ? TYPES[i.type]!.plain[field] : alt;
      const address = addr(app, 'integration', i.key);
      return { model, said: `set create-only ${address}#${field}`, ...(i.protect ? { protectedReplace: address } : {}) };
    }
    case 'rename': {
      const what = edit.pick % 4;
      if (what === 0 && integ) {
        integ.displayName = `${integ.type} renamed ${tag}`;
        return { model, said: `rename ${addr(app, 'integration', integ.key)} displayName`, update: addr(app, 'integration', integ.key) };
      }
      const custom = app.integrations.find((x) => x.webhooks.length > 0);
      if (what === 1 && custom) {
        const w = custom.webhooks[0]!;
        w.target = `https://bot.example.com/renamed/${tag}`;
        return { model, said: `rename webhook target`, update: addr(app, 'integration', custom.key, 'webhook', w.key) };
      }
      const sbi = pickOf(app.switchboard?.integrations ?? [], edit.pick >> 2);
      if (what === 2 && sbi) {
        sbi.name = `desk-${tag}`;
        return { model, said: `rename switchboard integration name`, update: addr(app, 'switchboard', 'integration', sbi.key) };
      }
      app.displayName = `App ${app.key} ${tag}`;
      return { model, said: `rename ${addr(app)} displayName`, update: addr(app) };
    }
    case 'rotate': {
      // Write-only values and the credentials the API reads back.
      const rotatable = (x: IntegrationModel) => [...Object.keys(x.secrets), ...(TYPES[x.type]!.credentials ?? [])];
      const i = pickOf(app.integrations.filter((x) => rotatable(x).length > 0), edit.pick >> 3);
      if (!i) return undefined;
      const field = pickOf(rotatable(i), edit.pick)!;
      if (field in i.secrets) i.secrets[field] = `tok-rotated-${tag}`;
      else i.fields[field] = credentialValue(i.type, `rotated-${tag}`);
      // A write-only field that forces replacement replaces a protected entry: refused.
      const replaces = INTEGRATION_FIELDS[i.type as keyof typeof INTEGRATION_FIELDS].some((r) => r.name === field && r.update === 'replace');
      const address = addr(app, 'integration', i.key);
      return { model, said: `rotate ${address}#${field}`, ...(i.protect && replaces ? { protectedReplace: address } : {}) };
    }
    case 'add': {
      const what = edit.pick % 3;
      const custom = app.integrations.find((x) => x.webhooks.length === 1);
      if (what === 0 && custom) {
        custom.webhooks.push({ key: `w${tag}`, target: `https://bot.example.com/added/${tag}`, triggers: ['conversation:message'] });
        return { model, said: 'add a webhook' };
      }
      if (what === 1 && app.keys.length < 2) {
        app.keys.push({ key: `k${tag}`, displayName: `key ${tag}` });
        return { model, said: 'add an app key' };
      }
      if (app.integrations.length >= 5) return undefined;
      const type = pickOf([...ALL_TYPES], edit.pick >> 2)!;
      const info = TYPES[type]!;
      app.integrations.push({
        key: `n${tag}`, type, displayName: `${type} added ${tag}`,
        fields: { ...info.plain, ...Object.fromEntries((info.credentials ?? []).map((f) => [f, credentialValue(type, `${f}-${tag}`)])) },
        secrets: Object.fromEntries(info.writeOnly.map((f) => [f, `tok-${f}-${tag}`])),
        webhooks: type === 'custom' ? [{ key: 'w0', target: `https://bot.example.com/new/${tag}`, triggers: ['conversation:message'] }] : [],
        keys: [],
      });
      return { model, said: `add integration ${type}` };
    }
    case 'remove': {
      const what = edit.pick % 3;
      const two = app.integrations.find((x) => x.webhooks.length > 1);
      if (what === 0 && two) {
        two.webhooks.pop();
        return { model, said: 'remove a webhook' };
      }
      if (what === 1 && app.keys.length > 0) {
        app.keys.pop();
        return { model, said: 'remove an app key' };
      }
      const i = pickOf(unreferenced(app), edit.pick >> 2);
      if (!i || app.integrations.length < 2) return undefined;
      app.integrations = app.integrations.filter((x) => x !== i);
      return { model, said: `remove ${addr(app, 'integration', i.key)}` };
    }
    case 'renameKey': {
      if (!integ) return undefined;
      const old = integ.key;
      integ.key = `r${tag}`;
      for (const s of app.switchboard?.integrations ?? []) if (s.integration === old) s.integration = integ.key;
      return { model, said: `rename logical key ${addr(app, 'integration', old)} → ${integ.key}` };
    }
  }
}

/** 1 to 3 edits at once (more steps to interrupt), applied with an interrupt after `pick % 6` answers (interrupted.ts keeps it within the plan). */
function interrupted(input: Model, edit: Edit, seq: number): Applied | undefined {
  const kinds = ['add', 'rotate', 'rename', 'remove', 'updatable', 'add'] as const;
  let model = input;
  const said: string[] = [];
  for (let n = 0; n <= (edit.pick >> 4) % 3; n++) {
    const sub = applyEdit(model, { kind: kinds[(edit.pick >> (n + 1)) % kinds.length]!, pick: (edit.pick * (n + 7)) % 1001, salt: `${edit.salt}x${n}` }, seq);
    // A refused plan would leave nothing to interrupt: such an edit is left out.
    if (!sub || sub.protectedReplace) continue;
    model = sub.model;
    said.push(sub.said);
  }
  if (said.length === 0) return undefined;
  const kill = ((edit.pick >> 6) & 1) === 1;
  const after = edit.pick % 6;
  return { model, said: `interrupt (${kill ? 'kill' : 'signal'}) after ${after} steps of: ${said.join(', ')}`, interrupt: { after, kill } };
}
