/**
 * The seeds of the leak test (test/cli/leak.test.ts): one integration of every type the field
 * table knows, every credential field of it given a unique, recognisable random value, once
 * literal in the YAML (app `lit`) and once from a variable (app `vars`), the variables spread
 * over the environment, --var, a YAML var file and a dotenv var file (the PEM key, multi-line,
 * in the dotenv file). The lists are derived from src/resources/fields.ts, so a type or a
 * credential field added there is seeded here without an edit.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { INTEGRATION_FIELDS, INTEGRATION_TYPES, type FieldSpec } from '../../src/resources/fields.js';

type Type = keyof typeof INTEGRATION_FIELDS;

/**
 * The credentials the API reads back, as issue 14 lists them: seeded whatever the field table
 * says, so that a `credential: true` lost from the table makes the leak test fail on a leak.
 */
export const KNOWN_READ_BACK: Partial<Record<Type, string[]>> = {
  line: ['channelSecret', 'channelAccessToken', 'switcherSecret'],
  messenger: ['pageAccessToken'],
  mailgun: ['signingKey'],
  whatsapp: ['accountManagementAccessToken'],
  apple: ['authenticationMessageSecret'],
};

interface SpecSchema {
  $ref?: string;
  allOf?: SpecSchema[];
  properties?: Record<string, { writeOnly?: boolean }>;
}
const SCHEMAS = (JSON.parse(readFileSync(new URL('../../spec/openapi.json', import.meta.url), 'utf8')) as { components: { schemas: Record<string, SpecSchema> } }).components.schemas;

/** The fields the spec's schema of the type marks writeOnly (the default responder, a reference, aside). */
export function specWriteOnly(type: Type): string[] {
  const props: Record<string, { writeOnly?: boolean }> = {};
  const walk = (s: SpecSchema | undefined): void => {
    if (!s) return;
    if (s.$ref) return walk(SCHEMAS[s.$ref.split('/').pop()!]);
    for (const part of s.allOf ?? []) walk(part);
    Object.assign(props, s.properties);
  };
  walk(SCHEMAS[type]);
  return Object.entries(props).filter(([name, p]) => p.writeOnly && name !== 'defaultResponderId').map(([name]) => name);
}

/** A name that says secret: a field so named is seeded whatever its row says. */
const SECRET_NAME = /secret|token|password|privateKey|apiKey|accessKey|signingKey|certificate|consumerKey|serverKey/i;

/**
 * The fields a user gives that are secret: write-only or a credential the API reads back by
 * the field table (references excluded), and whatever the spec, the issue and the field's
 * name add to that: a row that lost its `credential: true` is still seeded, and then leaks.
 */
export function credentialFields(type: Type): string[] {
  const given = (INTEGRATION_FIELDS[type] as FieldSpec[]).filter((f) => f.create !== 'none' && f.role !== 'reference' && f.role !== 'read-shape');
  const table = given.filter((f) => f.writeOnly || f.credential || SECRET_NAME.test(f.name)).map((f) => f.name);
  return [...new Set([...table, ...specWriteOnly(type), ...(KNOWN_READ_BACK[type] ?? [])])];
}

/** Required plain fields need some valid value; anything not listed gets `plain-<field>`. */
const PLAIN: Record<string, unknown> = { tier: 'enterprise', domain: 'mg.acme.example', incomingAddress: 'support@mg.acme.example', originator: 'Acme', accountSid: 'AC0123456789' };

/** Optional plain fields a type needs with its credentials (LINE channelId goes with channelSecret; twilio needs a number). */
const EXTRA: Record<string, Record<string, unknown>> = { line: { channelId: '1650000000' }, twilio: { phoneNumberSid: 'PN0123456789' } };

/** Fields whose value is a PEM key: multi-line, to catch a renderer that prints one line of it. */
const PEM_FIELDS = new Set(['privateKey', 'certificate']);

export type Source = 'env' | 'var' | 'yaml' | 'dotenv';
const SOURCES: Source[] = ['env', 'var', 'yaml', 'dotenv'];

export interface Seed {
  value: string;
  /** Where it is given: literal in the YAML, or from a variable of that source. */
  from: 'literal' | Source;
  /** The variable that holds it (from a variable only). */
  variable?: string;
  /** What it is for (in a failure message). */
  what: string;
  /** Its random parts: any 12 characters of one of them in the output are a leak (a cut value). */
  random: string[];
}

export interface LeakSetup {
  round: number;
  config: string;
  env: Record<string, string>;
  vars: string[];
  yamlVars: string;
  dotenvVars: string;
  seeds: Seed[];
  /** The values of the sensitive metadata variables (team, dotted key): shown back by the API. */
  metadata: Record<string, string>;
}

/** Long enough for every length rule (apple authenticationMessageSecret: at least 88 characters). */
const rand = () => randomBytes(40).toString('hex');

function pem(tag: string, random: string[]): string {
  const body = Array.from({ length: 3 }, (_, i) => {
    const r = randomBytes(33).toString('base64');
    random.push(r);
    return `${tag}L${i}${r}`;
  });
  return ['-----BEGIN PRIVATE KEY-----', ...body, '-----END PRIVATE KEY-----'].join('\n');
}

/** `round` tells a rotation's values from the first ones'. */
export function leakSetup(round: number): LeakSetup {
  const seeds: Seed[] = [];
  const env: Record<string, string> = { BRAND: 'Acme' };
  const vars: string[] = [];
  const yamlVars: Record<string, string> = {};
  const dotenv: string[] = ['# the leak test var file'];
  let n = 0;
  const seed = (what: string, from: Seed['from'], multiline = false): { value: string; text: string } => {
    const r = rand();
    const random = [r];
    const tag = `LEAK${round}-${what.replace(/[^A-Za-z0-9]+/g, '-')}-${r}`;
    const value = multiline ? pem(tag, random) : tag;
    if (from === 'literal') {
      seeds.push({ value, from, what, random });
      return { value, text: value };
    }
    const variable = `V${round}_${what.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
    seeds.push({ value, from, variable, what, random });
    if (from === 'env') env[variable] = value;
    else if (from === 'var') vars.push(`--var`, `${variable}=${value}`);
    else if (from === 'yaml') yamlVars[variable] = value;
    // A dotenv value is one line: a PEM key is written with \n escapes in double quotes.
    else dotenv.push(multiline ? `${variable}="${value.replace(/\n/g, '\\n')}"` : `${variable}=${value}`);
    return { value, text: `\${${variable}}` };
  };
  /** The next variable source, round-robin; a multi-line value always goes to the dotenv file. */
  const nextSource = (multiline: boolean): Source => (multiline ? 'dotenv' : SOURCES[n++ % SOURCES.length]!);

  const apps: Record<string, unknown> = {};
  const metadata: Record<string, string> = {};
  for (const mode of ['literal', 'variable'] as const) {
    const appName = mode === 'literal' ? 'lit' : 'vars';
    const integrations: Record<string, unknown> = {};
    for (const type of INTEGRATION_TYPES) {
      const entry: Record<string, unknown> = { type, displayName: `${type} ${appName}` };
      for (const f of INTEGRATION_FIELDS[type] as FieldSpec[]) {
        if (f.create === 'required' && !(f.writeOnly || f.credential) && f.role !== 'child') entry[f.name] = PLAIN[f.name] ?? `plain-${f.name}`;
      }
      Object.assign(entry, EXTRA[type]);
      for (const field of credentialFields(type)) {
        const multi = PEM_FIELDS.has(field);
        entry[field] = seed(`${appName}-${type}-${field}`, mode === 'literal' ? 'literal' : nextSource(multi), multi).text;
      }
      if (type === 'custom') {
        // A sensitive variable inside a larger value: the webhook target's query token.
        const hook = seed(`${appName}-hook-token`, 'env');
        entry.webhooks = { main: { target: `https://bot.acme.example/${appName}?token=${hook.text}`, triggers: ['conversation:message'] } };
        entry.keys = { runtime: { displayName: `runtime ${appName}` } };
      }
      if (type === 'web') {
        entry.defaultResponder = 'bot';
        // A sensitive variable in a plain field (with text around it).
        entry.businessName = `Acme ${seed(`${appName}-biz-name`, 'var').text} Ltd`;
      }
      integrations[type] = entry;
    }
    const team = seed(`${appName}-meta-team`, 'env');
    const dotted = seed(`${appName}-meta-dotted`, 'yaml');
    metadata[`${appName}.team`] = team.value;
    metadata[`${appName}.a.b`] = dotted.value;
    apps[appName] = {
      displayName: `\${BRAND} ${mode === 'literal' ? 'Care' : 'Vars'}`,
      metadata: { team: team.text, 'a.b': dotted.text, region: 'eu-1' },
      keys: { deployer: { displayName: `deployer ${appName}` } },
      integrations,
      switchboard: { enabled: true, default: 'bot', integrations: { bot: { integration: 'custom' }, agent: { integrationType: 'zd:agentWorkspace', deliverStandbyEvents: false } } },
    };
  }
  // The metadata values come from variables declared sensitive; the credentials' variables are
  // not declared at all (the field table makes them secret).
  const sensitive = seeds.filter((s) => /-meta-|hook-token|biz-name/.test(s.what)).map((s) => s.variable!);
  const variables: Record<string, unknown> = { BRAND: { description: 'the brand shown to customers' } };
  for (const v of sensitive) variables[v] = { sensitive: true };
  const config = stringify({ variables, version: 1, apps }, { lineWidth: 0 });
  return { round, config, env, vars, yamlVars: stringify(yamlVars, { lineWidth: 0 }), dotenvVars: `${dotenv.join('\n')}\n`, seeds, metadata };
}

/**
 * Every form in which a seeded value could be printed on its own: the value, its JSON-escaped
 * form (a PEM with `\n`), its URL-encoded form, and each line of a multi-line value.
 */
export function forms(value: string): string[] {
  const out = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]);
  if (value.includes('\n')) for (const line of value.split('\n')) if (line.length >= 8 && !line.startsWith('-----')) out.add(line);
  return [...out];
}

/** How many characters of a random part make a hit: no ordinary output holds 12 of them in a row. */
export const FRAGMENT = 12;

/** Every FRAGMENT-long window of a random part: a value cut short (a frame, a truncated body) still hits. */
export function fragments(random: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + FRAGMENT <= random.length; i++) out.push(random.slice(i, i + FRAGMENT));
  return out;
}
