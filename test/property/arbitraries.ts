/**
 * fast-check arbitraries: random configs (every kind, all 16 integration types, random
 * optional fields, metadata literal or from variables, write-only values, switchboards with
 * `next` cycles and `defaultResponder`) and random edits of them (edits.ts applies them).
 */
import fc from 'fast-check';
import type { AppModel, IntegrationModel, Model, SbiModel } from './model.js';
import { ALL_TYPES, TYPES } from './types.js';

const token = fc.stringMatching(/^[a-z0-9]{6,10}$/).map((s) => `tok-${s}`);
const word = fc.stringMatching(/^[a-z][a-z0-9]{1,7}$/);
const TRIGGERS = ['conversation:message', 'conversation:create', 'conversation:postback', 'conversation:read'];

const metadataValue = fc.oneof(word, fc.integer({ min: 0, max: 999 }), fc.boolean());
const metadata = fc.option(
  fc.record({
    from: fc.constantFrom('literal', 'variables', 'mixed') as fc.Arbitrary<'literal' | 'variables' | 'mixed'>,
    entries: fc.dictionary(word, metadataValue, { minKeys: 0, maxKeys: 4 }),
  }),
  { nil: undefined },
);

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
  }).map(({ type, optional, secretValues, webhooks, triggers, hasKey, protect }) => {
    const info = TYPES[type]!;
    const fields: Record<string, unknown> = { ...info.plain };
    if (optional && info.updatable) fields[info.updatable[0]] = info.updatable[1];
    const secrets = Object.fromEntries(info.writeOnly.map((f, i) => [f, secretValues[i] ?? `tok-${i}`]));
    const custom = type === 'custom';
    return {
      key: `i${index}`, type, displayName: `${type} ${app}-${index}`, fields, secrets,
      webhooks: custom ? webhooks.map((w, n) => ({ key: `w${n}`, target: `https://bot.example.com/${app}/${index}/${w}`, triggers })) : [],
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

function app(index: number): fc.Arbitrary<AppModel> {
  return fc.record({
    n: fc.integer({ min: 0, max: 3 }),
    metadata,
    settings,
    hasKey: fc.boolean(),
  }).chain(({ n, metadata, settings, hasKey }) =>
    fc.tuple(...Array.from({ length: n + 1 }, (_, i) => integration(index, i))).chain((given) =>
      switchboard(given).map(({ sb, integrations }): AppModel => ({
        key: `a${index}`, displayName: `App ${index}`, keys: hasKey ? [{ key: 'ci', displayName: `CI ${index}` }] : [],
        integrations, ...(metadata ? { metadata } : {}), ...(settings ? { settings } : {}), ...(sb ? { switchboard: sb } : {}),
      }))));
}

export const modelArb: fc.Arbitrary<Model> = fc.record({ count: fc.integer({ min: 1, max: 2 }), fromVariables: fc.boolean() })
  .chain(({ count, fromVariables }) => fc.tuple(...Array.from({ length: count }, (_, i) => app(i))).map((apps) => ({ apps, fromVariables })));

export const EDIT_KINDS = ['updatable', 'createOnly', 'rename', 'rotate', 'add', 'remove', 'renameKey'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];
export interface Edit { kind: EditKind; pick: number; salt: string }

export const editArb: fc.Arbitrary<Edit> = fc.record({ kind: fc.constantFrom(...EDIT_KINDS), pick: fc.nat(1000), salt: word });
