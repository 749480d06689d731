/**
 * The edits of variables (arbitraries.ts EDIT_KINDS): toggle a declared `sensitive`, change a
 * declared default, move a value from a literal to a variable or back (same value: the plan
 * changes nothing), rotate the value of a sensitive variable. `'not mine'` for the other kinds.
 */
import type { Edit } from './arbitraries.js';
import { type Choice, isSecretSlot, makeBinding, SOURCES, setSlot } from './bindings.js';
import type { Applied } from './edits.js';
import { type Model, type Slot, slots, varValue } from './model.js';
import { INTEGRATION_FIELDS } from '../../src/resources/fields.js';

function pickOf<T>(list: T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** A value a sensitive variable can hide (a token made by the generators or an edit). */
const hideable = (s: Slot): boolean => s.binding !== undefined && /(tok|sec|cred)[-0-9a-z]*-/.test(varValue(s.binding, s.value));

const isMetadata = (s: Slot) => s.field.startsWith('metadata.');

/** Where a value change of this slot shows in the plan, when it is an update in place. */
function updateOf(s: Slot): string | undefined {
  if (isMetadata(s) || s.field === 'displayName' || s.field === 'target') return s.address;
  return undefined;
}

export function variableEdit(input: Model, edit: Edit, seq: number): Applied | undefined | 'not mine' {
  const model = structuredClone(input);
  const all = slots(model);
  const bound = all.filter((s) => s.binding);
  const tag = `${edit.salt}${seq}`;
  switch (edit.kind) {
    case 'toggleSensitive': {
      const s = pickOf(bound.filter((x) => x.binding!.declared?.sensitive || hideable(x) || !x.binding!.declared), edit.pick);
      if (!s) return undefined;
      const b = structuredClone(s.binding!);
      const was = b.declared?.sensitive === true;
      // Undeclared and nothing to hide: declared, not sensitive (a declaration alone changes nothing either).
      b.declared = { ...b.declared, sensitive: !was && hideable(s) };
      setSlot(model, s, s.value, b);
      // sunco may record which values are sensitive (metadata keys: sunco:sensitive): bookkeeping, no change.
      return { model, said: `${b.name} ${was ? 'no longer' : b.declared.sensitive ? 'now' : 'declared, not'} sensitive (${s.address}#${s.field})`, quiet: was !== b.declared.sensitive ? 'bookkeeping' : 'nothing' };
    }
    case 'changeDefault': {
      const s = pickOf(bound.filter((x) => x.binding!.declared || x.binding!.source === 'default'), edit.pick);
      if (!s) return undefined;
      const b = structuredClone(s.binding!);
      if (b.source !== 'default') {
        // The variable is set elsewhere: its default is not used.
        b.declared = { sensitive: false, ...b.declared, default: `other-${tag}` };
        setSlot(model, s, s.value, b);
        return { model, said: `change the unused default of ${b.name}`, quiet: 'nothing' };
      }
      const to = updateOf(s);
      if (!to) return undefined;
      // The default is the value: a new default is a new value (a token where it is sensitive).
      const next = b.declared?.sensitive ? `sec-${tag}-newdefault` : `new${tag}`;
      const value = s.field === 'target' ? `https://bot.example.com/${next}` : s.field === 'displayName' ? `${s.integrationType ?? 'App'} ${next}` : next;
      setSlot(model, s, value, b);
      return { model, said: `change the default of ${b.name} (${s.address}#${s.field})`, update: to };
    }
    case 'moveValue': {
      // Metadata numbers and booleans would become strings through a variable: only strings move.
      const movable = all.filter((x) => !Array.isArray(x.value) && (!isMetadata(x) || typeof x.value === 'string'));
      const s = pickOf(movable, edit.pick);
      if (!s) return undefined;
      if (s.binding) {
        const wasSensitive = s.binding.declared?.sensitive === true;
        setSlot(model, s, s.value, undefined);
        return { model, said: `${s.address}#${s.field}: variable ${s.binding.name} → literal`, quiet: wasSensitive ? 'bookkeeping' : 'nothing' };
      }
      const bits = edit.pick >> 2;
      const choice: Choice = { use: true, source: SOURCES[bits % SOURCES.length]!, declare: ((bits >> 3) % 3) as 0 | 1 | 2, description: (bits & 1) === 1, otherDefault: (bits & 2) === 2, around: (bits & 4) === 4 };
      let b = makeBinding(s, choice, `M_${tag.toUpperCase()}`);
      // Sensitive only where there is something to hide (else declared, not sensitive).
      if (b.declared?.sensitive && !hideable({ ...s, binding: b }) && !isSecretSlot(s)) b = { ...b, declared: { ...b.declared, sensitive: false } };
      setSlot(model, s, s.value, b);
      return { model, said: `${s.address}#${s.field}: literal → variable ${b.name} (${b.source}${b.declared ? `, declared${b.declared.sensitive ? ' sensitive' : ''}` : ''})`, quiet: b.declared?.sensitive ? 'bookkeeping' : 'nothing' };
    }
    case 'rotateSensitive': {
      const s = pickOf(bound.filter((x) => x.binding!.declared?.sensitive), edit.pick);
      if (!s) return undefined;
      const b = s.binding!;
      const fresh = `sec-rot-${tag}`;
      const [pre, post] = b.around ?? ['', ''];
      const secret = isSecretSlot(s);
      const value = secret ? (s.integrationType === 'apple' ? `cred-${fresh}`.padEnd(88, 'q') : `tok-${fresh}`) : `${pre}${s.field === 'target' && !b.around ? 'https://bot.example.com/' : ''}${fresh}${post}`;
      setSlot(model, s, value, b);
      const replaces = secret && INTEGRATION_FIELDS[s.integrationType as keyof typeof INTEGRATION_FIELDS].some((r) => r.name === s.field && r.update === 'replace');
      const protectedEntry = replaces && model.apps.some((a) => a.integrations.some((i) => i.protect && `app.${a.key}.integration.${i.key}` === s.address));
      const to = secret ? undefined : updateOf(s);
      return { model, said: `rotate sensitive ${b.name} (${s.address}#${s.field})`, ...(to ? { update: to } : {}), ...(protectedEntry ? { protectedReplace: s.address } : {}) };
    }
    default:
      return 'not mine';
  }
}
