/**
 * Values from variables (model.ts `Binding`): which values of a generated app are bound, how
 * (environment, --var, YAML or dotenv var file, declared default; declared or not, with a
 * description, an overridden default, `sensitive: true|false`; whole or inside a longer
 * string), and what the invariants make of them: the values that must never be printed
 * (`sensitiveValues`) and those a reviewer must see (`shownSlots`).
 */
import fc from 'fast-check';
import { type AppModel, type Binding, type Model, type Slot, type VarSource, slots, varValue } from './model.js';
import { isSecretField } from './types.js';

export interface Choice { use: boolean; source: VarSource; declare: 0 | 1 | 2; description: boolean; otherDefault: boolean; around: boolean }

export const SOURCES: readonly VarSource[] = ['env', 'var', 'yaml', 'dotenv', 'default'];

export const choiceArb: fc.Arbitrary<Choice> = fc.record({
  use: fc.boolean(),
  source: fc.constantFrom(...SOURCES),
  declare: fc.constantFrom(0, 1, 2) as fc.Arbitrary<0 | 1 | 2>,
  description: fc.boolean(),
  otherDefault: fc.boolean(),
  around: fc.boolean(),
});

/** A field holding a secret by the field table (write-only, or a credential the API reads back). */
export const isSecretSlot = (s: Slot): boolean => s.integrationType !== undefined && isSecretField(s.integrationType, s.field);

/** A value long and random enough to be searched for in output (short ones are not masked either: MIN_SECRET_LENGTH). */
export const searchable = (v: string): boolean => v.length >= 6;

/** The text kept around `${NAME}` when a slot binds only a part of its value. */
function aroundOf(s: Slot): [string, string] | undefined {
  if (s.field === 'target') return ['https://bot.example.com/', ''];
  if (s.field === 'displayName') return s.integrationType ? [`${s.integrationType} `, ''] : ['App ', ''];
  return undefined;
}

/** Slots a sensitive variable may feed with a made-up value (the others have values the API checks). */
const freeText = (s: Slot): boolean => s.field === 'displayName' || s.field === 'target' || s.field.startsWith('metadata.');

export function makeBinding(s: Slot, c: Choice, name: string): Binding {
  const declared = c.declare > 0 || c.source === 'default';
  return {
    name,
    source: c.source,
    ...(declared ? { declared: { sensitive: c.declare === 2, ...(c.description ? { description: `the ${s.field} of ${s.address}` } : {}), ...(c.otherDefault && c.source !== 'default' ? { default: `unused-${name.toLowerCase()}` } : {}) } } : {}),
    ...(c.around && aroundOf(s) ? { around: aroundOf(s) } : {}),
  };
}

/** Sets a slot's value (and binding) in the model: the slot says where it lives. */
export function setSlot(model: Model, s: Slot, value: unknown, binding: Binding | undefined): void {
  const [, appKey, kind, key, , hook] = s.address.split('.');
  const app = model.apps.find((a) => a.key === appKey)!;
  const put = (vars: Record<string, Binding> | undefined, field: string): Record<string, Binding> | undefined => {
    const next = { ...vars };
    if (binding) next[field] = binding;
    else delete next[field];
    return Object.keys(next).length > 0 ? next : undefined;
  };
  if (kind === undefined) {
    if (s.field === 'displayName') app.displayName = String(value);
    else app.metadata![s.field.slice('metadata.'.length)] = value as string;
    const vars = put(app.vars, s.field);
    if (vars) app.vars = vars;
    else delete app.vars;
    return;
  }
  const integ = app.integrations.find((i) => i.key === key)!;
  if (hook !== undefined) {
    const w = integ.webhooks.find((x) => x.key === hook)!;
    w.target = String(value);
    if (binding) w.target$ = binding;
    else delete w.target$;
    return;
  }
  if (s.field === 'displayName') integ.displayName = String(value);
  else if (s.field in integ.secrets) integ.secrets[s.field] = String(value);
  else integ.fields[s.field] = value;
  const vars = put(integ.vars, s.field);
  if (vars) integ.vars = vars;
  else delete integ.vars;
}

/** A sensitive value for a free-text slot: a token, inside the slot's usual text where it binds a part. */
function sensitiveValue(s: Slot, b: Binding, token: string): string {
  if (b.around) return `${b.around[0]}${token}${b.around[1]}`;
  return s.field === 'target' ? `https://bot.example.com/${token}` : s.field === 'displayName' && !s.integrationType ? `App ${token}` : token;
}

/** Binds the first `bound` slots of the app as the choices say. */
export function bindApp(app: AppModel, choices: readonly Choice[], tokens: readonly string[], bound: number): AppModel {
  const model: Model = { apps: [structuredClone(app)] };
  slots(model).forEach((s, j) => {
    const c = choices[j];
    if (!c || j >= bound || !c.use || Array.isArray(s.value)) return;
    // A sensitive variable needs a value to hide: free text gets a token; the API's checked fields stay literal-valued.
    const sensitive = c.declare === 2 && (isSecretSlot(s) || freeText(s));
    const choice = sensitive || c.declare !== 2 ? c : { ...c, declare: 1 as const };
    const b = makeBinding(s, choice, `V_${app.key.toUpperCase()}_${j}`);
    const value = sensitive && !isSecretSlot(s) ? sensitiveValue(s, b, `sec${j}${app.key}-${tokens[j]!.replace(/^tok-/, '')}`) : s.value;
    // A metadata number or boolean from a variable is its text (a variable is a string).
    setSlot(model, s, s.field.startsWith('metadata.') ? String(value) : value, b);
  });
  return model.apps[0]!;
}

/** Values that no output may show, by `address#field`: secret fields' values and the values of variables declared sensitive. */
export function sensitiveValues(model: Model): [string, string][] {
  const out: [string, string][] = [];
  for (const s of slots(model)) {
    const key = `${s.address}#${s.field}`;
    if (isSecretSlot(s)) out.push([key, String(s.value)]);
    if (s.binding?.declared?.sensitive) out.push([key, varValue(s.binding, s.value)]);
  }
  return out.filter(([, v]) => searchable(v));
}

/** Slots fed by a variable that is not sensitive, in a field that is no secret: a reviewer must see their values. */
export function shownSlots(model: Model): Slot[] {
  return slots(model).filter((s) => s.binding && !s.binding.declared?.sensitive && !isSecretSlot(s));
}
