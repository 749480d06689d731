/**
 * fast-check arbitraries: random configs (every kind, all 16 integration types, random
 * optional fields, write-only values and read-back credentials, switchboards with `next`
 * cycles and `defaultResponder`), values bound to variables (bindings.ts), and random edits
 * of them (edits.ts applies them).
 */
import fc from 'fast-check';
import { bindApp, choiceArb } from './bindings.js';
import type { AppModel, IntegrationModel, Model, SbiModel } from './model.js';
import { ALL_TYPES, TYPES, credentialValue } from './types.js';

const token = fc.stringMatching(/^[a-z0-9]{6,10}$/).map((s) => `tok-${s}`);
const word = fc.stringMatching(/^[a-z][a-z0-9]{1,7}$/);
const TRIGGERS = ['conversation:message', 'conversation:create', 'conversation:postback', 'conversation:read'];

const metadataValue = fc.oneof(word, fc.integer({ min: 0, max: 999 }), fc.boolean());
/** Keys may be dotted: `team.lead` is one key (DESIGN.md: metadata is flat). */
const metadataKey = fc.oneof({ weight: 3, arbitrary: word }, { weight: 1, arbitrary: fc.tuple(word, word).map(([a, b]) => `${a}.${b}`) });
const metadata = fc.option(fc.dictionary(metadataKey, metadataValue, { minKeys: 0, maxKeys: 4 }), { nil: undefined });

const settings = fc.option(
  fc.record({ echoPostback: fc.boolean(), useAnimalNames: fc.boolean(), multiConvoEnabled: fc.constant(true), maskCreditCardNumbers: fc.boolean() }, { requiredKeys: [] }),
  { nil: undefined },
);

function integration(app: number, index: number): fc.Arbitrary<IntegrationModel> {
  return fc.record({
    type: fc.constantFrom(...ALL_TYPES),
    optional: fc.boolean(),
    secretValues: fc.array(token, { minLength: 6, maxLength: 6 }),
    webhooks: fc.uniqueArray(word, { minLength: 1, maxLength: 2 }),
    triggers: fc.subarray(TRIGGERS, { minLength: 1 }),
    hasKey: fc.boolean(),
    protect: fc.boolean(),
    fullUser: fc.option(fc.boolean(), { nil: undefined }),
  }).map(({ type, optional, secretValues, webhooks, triggers, hasKey, protect, fullUser }) => {
    const info = TYPES[type]!;
    const fields: Record<string, unknown> = { ...info.plain };
    if (optional && info.updatable) fields[info.updatable[0]] = info.updatable[1];
    (info.credentials ?? []).forEach((f, i) => (fields[f] = credentialValue(type, secretValues[5 - i]!)));
    const secrets = Object.fromEntries(info.writeOnly.map((f, i) => [f, secretValues[i] ?? `tok-${i}`]));
    const custom = type === 'custom';
    return {
      key: `i${index}`, type, displayName: `${type} ${app}-${index}`, fields, secrets,
      webhooks: custom ? webhooks.map((w, n) => ({ key: `w${n}`, target: `https://bot.example.com/${app}/${index}/${w}`, triggers, ...(fullUser !== undefined ? { includeFullUser: fullUser } : {}) })) : [],
      keys: custom && hasKey ? [{ key: 'k0', displayName: `runtime ${app}-${index}` }] : [],
      ...(protect ? { protect: true } : {}),
    };
  });
}

/** The switchboard, and the integrations with a `defaultResponder` set (a copy: generated values are never mutated). */
function switchboard(given: IntegrationModel[]): fc.Arbitrary<{ sb: AppModel['switchboard']; integrations: IntegrationModel[] }> {
  return fc.option(
    fc.record({
      count: fc.integer({ min: 1, max: 3 }),
      targets: fc.array(fc.integer({ min: -1, max: 20 }), { minLength: 3, maxLength: 3 }),
      nexts: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 3, maxLength: 3 }),
      enabled: fc.boolean(),
      named: fc.boolean(),
      responder: fc.integer({ min: -1, max: 2 }),
    }),
    { nil: undefined },
  ).map((g) => {
    const integrations = structuredClone(given);
    if (!g) return { sb: undefined, integrations };
    const sbis: SbiModel[] = [];
    for (let i = 0; i < g.count; i++) {
      const t = g.targets[i]!;
      const integ = t >= 0 && integrations.length > 0 ? integrations[t % integrations.length] : undefined;
      // Each integration at most once (a second link would only duplicate routing).
      const taken = integ && sbis.some((s) => s.integration === integ.key);
      sbis.push({ key: `s${i}`, ...(integ && !taken ? { integration: integ.key } : { integrationType: i % 2 ? 'zd:answerBot' : 'zd:agentWorkspace' }), ...(g.named ? { name: `desk-${i}` } : {}) });
    }
    // `next` may form cycles (s0 → s1 → s0), never a self-loop.
    sbis.forEach((s, i) => {
      const n = g.nexts[i]!;
      if (n >= 0 && n % sbis.length !== i) s.next = sbis[n % sbis.length]!.key;
    });
    if (g.responder >= 0) {
      const channel = integrations.find((x) => x.type !== 'custom');
      if (channel) channel.defaultResponder = sbis[g.responder % sbis.length]!.key;
    }
    return { sb: { enabled: g.enabled, default: sbis[0]!.key, integrations: sbis }, integrations };
  });
}

function app(index: number, bound: number): fc.Arbitrary<AppModel> {
  return fc.record({
    n: fc.integer({ min: 0, max: 3 }),
    metadata,
    settings,
    hasKey: fc.boolean(),
    choices: fc.array(choiceArb, { minLength: 24, maxLength: 24 }),
    tokens: fc.array(token, { minLength: 24, maxLength: 24 }),
  }).chain(({ n, metadata, settings, hasKey, choices, tokens }) =>
    fc.tuple(...Array.from({ length: n + 1 }, (_, i) => integration(index, i))).chain((given) =>
      switchboard(given).map(({ sb, integrations }): AppModel => bindApp({
        key: `a${index}`, displayName: `App ${index}`, keys: hasKey ? [{ key: 'ci', displayName: `CI ${index}` }] : [],
        integrations, ...(metadata ? { metadata } : {}), ...(settings ? { settings } : {}), ...(sb ? { switchboard: sb } : {}),
      }, choices, tokens, bound))));
}

/** `bound`: how many of the 24 choices per app may bind a value (0: every value literal). */
export const modelArb: fc.Arbitrary<Model> = fc.record({ count: fc.integer({ min: 1, max: 2 }), bound: fc.constantFrom(0, 6, 24) })
  .chain(({ count, bound }) => fc.tuple(...Array.from({ length: count }, (_, i) => app(i, bound))).map((apps) => ({ apps })));

export const EDIT_KINDS = ['updatable', 'createOnly', 'rename', 'rotate', 'add', 'remove', 'renameKey', 'toggleSensitive', 'changeDefault', 'moveValue', 'rotateSensitive', 'interrupt'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];
export interface Edit { kind: EditKind; pick: number; salt: string }

export const editArb: fc.Arbitrary<Edit> = fc.record({ kind: fc.constantFrom(...EDIT_KINDS), pick: fc.nat(1000), salt: word });
