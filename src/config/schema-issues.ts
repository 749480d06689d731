/**
 * Turns ajv errors into config issues that point at the YAML node and say what to do:
 * a misspelt field names its closest valid field, a read-only field says so, an unknown
 * enum value (type, trigger, ignoreChanges field) names the closest allowed one.
 */
import type { ErrorObject } from 'ajv';
import { INTEGRATION_FIELDS } from '../resources/fields.js';
import { didYouMean } from './did-you-mean.js';
import { codeFrame, type ConfigIssue } from './issues.js';
import type { ParsedFile } from './parse-yaml.js';
import { locate } from './path-address.js';
import { fromPointer, getAt, toPointer } from './pointer.js';
import type { IntegrationType } from './types.js';

export function schemaIssues(file: ParsedFile, errors: ErrorObject[]): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    const mapped = describe(file, e);
    if (!mapped) continue;
    const { segments, onKey, code, message, hint } = mapped;
    const pointer = toPointer(segments);
    if ([...file.failedVariable].some((p) => pointer === p || pointer.startsWith(`${p}/`))) continue;
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pos = nearestPos(file, segments);
    const line = onKey ? pos.keyLine : pos.line;
    const column = onKey ? pos.keyColumn : pos.column;
    const address = locate(segments).address || undefined;
    out.push({ file: file.source.shown, line, column, address, code, message, hint, frame: codeFrame(file.source.text, line, column) });
  }
  return out;
}

interface Described {
  segments: string[];
  onKey: boolean;
  code: string;
  message: string;
  hint?: string;
}

function describe(file: ParsedFile, e: ErrorObject): Described | undefined {
  const segments = fromPointer(e.instancePath);
  const field = segments[segments.length - 1] ?? '';
  const where = locate(segments);
  const what = where.field ? `"${where.field}"` : 'value';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const at = [...segments, name];
      const parent = getAt(file.value, segments) as Record<string, unknown> | undefined;
      const type = typeof parent?.type === 'string' ? (parent.type as IntegrationType) : undefined;
      const isIntegration = segments.length === 4 && segments[2] === 'integrations' && type !== undefined;
      if (isIntegration && (name === 'webhooks' || name === 'keys')) {
        return { segments: at, onKey: true, code: 'custom_only', message: `${name} are only allowed on custom integrations (this one is ${type})` };
      }
      if (isIntegration && name === 'defaultResponderId') {
        return { segments: at, onKey: true, code: 'read_only_field', message: 'defaultResponderId is set from defaultResponder', hint: 'use defaultResponder: <switchboard integration name>' };
      }
      if (isIntegration && INTEGRATION_FIELDS[type]?.some((f) => f.name === name && f.create === 'none')) {
        return { segments: at, onKey: true, code: 'read_only_field', message: `"${name}" is read-only for ${type} integrations (the API sets it)` };
      }
      const props = Object.keys(((e.parentSchema ?? {}) as { properties?: object }).properties ?? {});
      let hint = didYouMean(name, props);
      if (!hint && isIntegration) {
        // A field of another channel (`token` on twilio): say where it belongs.
        const owners = Object.entries(INTEGRATION_FIELDS).filter(([, fs]) => fs.some((f) => f.name === name && f.create !== 'none')).map(([t]) => t);
        if (owners.length > 0) hint = `"${name}" is a field of ${owners.join(', ')} integrations`;
      }
      return { segments: at, onKey: true, code: 'unknown_field', message: `unknown field "${name}"${kindOf(segments, type)}`, hint };
    }
    case 'required': {
      const name = String(params.missingProperty);
      return { segments, onKey: true, code: 'missing_field', message: `missing required field "${name}"` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const value = String(getAt(file.value, segments));
      // apps.A.integrations.I.type only: a prechatCapture field's `type` is no integration type.
      if (field === 'type' && segments[2] === 'integrations' && segments.length === 5) {
        return { segments, onKey: false, code: 'unknown_integration_type', message: `unknown integration type "${value}"`, hint: didYouMean(value, allowed) ?? `one of: ${allowed.join(', ')}` };
      }
      const parentName = segments[segments.length - 2];
      if (parentName === 'triggers') {
        return { segments, onKey: false, code: 'unknown_trigger', message: `unknown webhook trigger "${value}"`, hint: didYouMean(value, allowed) };
      }
      if (parentName === 'ignoreChanges') {
        const owner = segments.slice(0, -2);
        const ownerType = (getAt(file.value, owner) as { type?: unknown } | undefined)?.type;
        const kind = kindOf(owner, typeof ownerType === 'string' ? ownerType : undefined).replace(/^ in /, ' of ');
        return { segments, onKey: false, code: 'unknown_ignore_field', message: `ignoreChanges: "${value}" is not a field${kind}`, hint: didYouMean(value, allowed) ?? `one of: ${allowed.join(', ')}` };
      }
      return { segments, onKey: false, code: 'bad_value', message: `${what} must be one of: ${allowed.join(', ')}`, hint: didYouMean(value, allowed) };
    }
    case 'const':
      if (segments.length === 1 && field === 'version') {
        return { segments, onKey: false, code: 'unknown_version', message: `unknown config version ${JSON.stringify(getAt(file.value, segments))}: this sunco understands version 1` };
      }
      return undefined; // the if/then chain's const on `type`: reported by the enum above
    case 'type': {
      const t = ([] as string[]).concat(params.type as string | string[]);
      if (segments[2] === 'metadata' && segments.length === 4) {
        return { segments, onKey: false, code: 'metadata_nested', message: `metadata value "${field}" must be a string, number or boolean (metadata is flat, and the spec allows no null)` };
      }
      return { segments, onKey: false, code: 'wrong_type', message: `${what} must be ${article(t.join(' or '))}, not ${jsonType(getAt(file.value, segments))}` };
    }
    case 'format':
      return { segments, onKey: false, code: 'bad_format', message: `${what} must be an absolute http(s) URL` };
    case 'pattern':
      if (e.propertyName !== undefined) {
        const name = e.propertyName;
        return { segments: [...segments, name], onKey: true, code: 'bad_name', message: `invalid name "${name}": use letters, digits, "-" and "_" (at most 128)` };
      }
      if (segments[segments.length - 2] === 'originWhitelist') {
        return { segments, onKey: false, code: 'bad_origin', message: `originWhitelist entry "${String(getAt(file.value, segments))}" is not an origin: scheme://host[:port] with http or https, no path` };
      }
      if (/Color$/.test(field ?? '')) {
        return { segments, onKey: false, code: 'bad_value', message: `${what} must be a 3 or 6-digit hexadecimal colour without "#", e.g. 65758e` };
      }
      return { segments, onKey: false, code: 'bad_value', message: `${what} ${e.message ?? 'is invalid'}` };
    case 'not':
      if (field === 'integrationType') {
        return { segments, onKey: false, code: 'bad_value', message: `${what} cannot be custom: name the custom integration with "integration" instead` };
      }
      return { segments, onKey: false, code: 'bad_value', message: `${what} is not allowed here` };
    case 'minProperties':
      if (field === 'webhooks') return { segments, onKey: true, code: 'custom_without_webhook', message: 'a custom integration needs at least one webhook' };
      return { segments, onKey: true, code: 'bad_value', message: `${what} ${e.message ?? 'is invalid'}` };
    case 'maxProperties': {
      const found = Object.keys(getAt(file.value, segments) as object).length;
      const limit = Number(params.limit);
      if (field === 'integrations' && segments[2] === 'switchboard') {
        return { segments, onKey: true, code: 'too_many_switchboard_integrations', message: `a switchboard holds at most ${limit} switchboard integrations (found ${found})` };
      }
      // The spec's tag descriptions: at most 10 keys per app and per integration, 10 webhooks per app.
      const holder = segments[2] === 'integrations' ? 'an integration' : 'an app';
      if (field === 'keys') return { segments, onKey: true, code: 'too_many_keys', message: `${holder} holds at most ${limit} keys (found ${found})` };
      if (field === 'webhooks') return { segments, onKey: true, code: 'too_many_webhooks', message: `an app holds at most ${limit} webhooks (found ${found} in this integration)` };
      return { segments, onKey: true, code: 'bad_value', message: `${what} has ${found} entries; at most ${limit} are allowed` };
    }
    case 'maxLength':
      if (e.propertyName !== undefined) {
        // A map key (a logical name) over the spec's limit, e.g. a switchboard integration's name (at most 128).
        return { segments: [...segments, e.propertyName], onKey: true, code: 'bad_name', message: `name "${e.propertyName.slice(0, 20)}…" is ${codePoints(e.propertyName)} characters; at most ${String(params.limit)}` };
      }
      return { segments, onKey: false, code: 'too_long', message: `${what} is ${codePoints(String(getAt(file.value, segments)))} characters; the API allows at most ${String(params.limit)}` };
    case 'minLength':
      return Number(params.limit) === 1
        ? { segments, onKey: false, code: 'too_short', message: `${what} must not be empty` }
        : { segments, onKey: false, code: 'too_short', message: `${what} is ${codePoints(String(getAt(file.value, segments)))} characters; the API needs at least ${String(params.limit)}` };
    case 'minimum':
      return { segments, onKey: false, code: 'out_of_range', message: `${what} must be at least ${String(params.limit)}` };
    case 'maximum':
      return { segments, onKey: false, code: 'out_of_range', message: `${what} must be at most ${String(params.limit)}` };
    case 'maxItems':
      return { segments, onKey: true, code: 'too_many_items', message: `${what} holds at most ${String(params.limit)} items` };
    case 'minItems':
      return { segments, onKey: true, code: 'too_few_items', message: `${what} needs at least ${String(params.limit)} item${Number(params.limit) === 1 ? '' : 's'}` };
    default:
      return { segments, onKey: false, code: 'bad_value', message: `${what} ${e.message ?? 'is invalid'}` };
  }
}

function kindOf(segments: string[], type: string | undefined): string {
  const n = segments.length;
  if (n === 0) return ' at the top level';
  if (segments[0] === 'variables') return ' in a variable declaration (description, default, sensitive)';
  if (n === 2) return ' in an app';
  if (segments[2] === 'settings') return ' in app settings';
  if (segments[2] === 'credentials') return ' in credentials';
  if (n === 4 && segments[2] === 'keys') return ' in a key';
  if (n === 4 && segments[2] === 'integrations') return type ? ` in a ${type} integration` : ' in an integration';
  if (n === 6 && segments[4] === 'webhooks') return ' in a webhook';
  if (n === 6 && segments[4] === 'keys') return ' in a key';
  if (n === 3 && segments[2] === 'switchboard') return ' in a switchboard';
  if (n === 5 && segments[3] === 'integrations') return ' in a switchboard integration';
  return '';
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function nearestPos(file: ParsedFile, segments: string[]) {
  for (let n = segments.length; n >= 0; n--) {
    const p = file.nodes.get(toPointer(segments.slice(0, n)));
    if (p) return p;
  }
  return { line: 1, column: 1, keyLine: 1, keyColumn: 1 };
}

/** Characters as ajv counts them for maxLength/minLength (code points, not UTF-16 units), so the message agrees with the limit. */
function codePoints(s: string): number {
  return [...s].length;
}
