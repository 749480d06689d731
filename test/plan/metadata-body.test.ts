/**
 * Issue 13, failure 1: an app with `metadata: {team: ${TEAM}}` and a write-only field (a
 * telegram token). The fingerprint PATCH merged sunco's reserved key into the `$secret`
 * placeholder of the whole metadata, so `{"$secret": "app.m#metadata", "sunco:fingerprints": …}`
 * was written to the live app instead of the values. Every combination of metadata (absent,
 * literal, from variables, empty) with write-only fields and bindings must write the real
 * values plus the reserved keys, and plan nothing afterwards.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_BINDING_KEY, BINDINGS_KEY, isReservedMetadataKey, withoutReservedKeys } from '../../src/resources/reserved-keys.js';
import { FINGERPRINT_KEY } from '../../src/resources/fingerprint-key.js';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const ENV = { TEAM: 'support', TG_TOKEN: 'tg:123', OWNER: 'ops' };

const config = (metadata: string, token = '${TG_TOKEN}') => `
version: 1
apps:
  m:
    displayName: Metadata app
${metadata}
    integrations:
      tg: { type: telegram, displayName: Telegram, token: "${token}" }
      bot:
        type: custom
        displayName: Bot
        webhooks:
          main: { target: "https://bot.example.com/a", triggers: ["conversation:message"] }
`;

async function liveMetadata(): Promise<Record<string, unknown> | null> {
  const apps = await h.api.listAll<{ displayName: string; metadata: Record<string, unknown> | null }>('/v2/apps', 'apps');
  return apps.find((a) => a.displayName === 'Metadata app')!.metadata;
}

const cases: [string, string, Record<string, unknown> | undefined][] = [
  ['from a variable', '    metadata: { team: "${TEAM}" }', { team: 'support' }],
  ['partly from variables, partly literal', '    metadata: { team: "${TEAM}", owner: "${OWNER}", tier: gold, seats: 3, on: true }', { team: 'support', owner: 'ops', tier: 'gold', seats: 3, on: true }],
  ['literal', '    metadata: { team: support }', { team: 'support' }],
  ['empty', '    metadata: {}', {}],
  ['absent', '', undefined],
];

describe('metadata is written with its real values, plus the reserved keys', () => {
  for (const [name, yaml, declared] of cases) {
    it(`${name}: apply writes the values, the fingerprints and the bindings; the next plan is empty`, async () => {
      const file = await h.write('sunco.yaml', config(yaml));
      const apply = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'], { env: ENV });
      expect(apply.code, apply.stderr).toBe(0);
      const meta = (await liveMetadata())!;
      // No placeholder was ever sent as a value.
      expect(JSON.stringify(meta)).not.toContain('$secret');
      if (declared) expect(withoutReservedKeys(meta)).toEqual(declared);
      else expect(withoutReservedKeys(meta)).toEqual({});
      expect(Object.keys(meta).filter(isReservedMetadataKey).sort()).toEqual([APP_BINDING_KEY, BINDINGS_KEY, FINGERPRINT_KEY]);
      const plan = await h.cli(['plan', '-f', file, '--detailed-exitcode'], { env: ENV });
      expect(plan.code, plan.stdout).toBe(0);
      expect(plan.stdout).toContain('No changes.');
    });
  }

  it('a changed variable in metadata and a rotated token: both written, then converged', async () => {
    const file = await h.write('sunco.yaml', config(cases[0]![1]));
    expect((await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'], { env: ENV })).code).toBe(0);
    const env = { ...ENV, TEAM: 'sales', TG_TOKEN: 'tg:456' };
    const apply = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'], { env });
    expect(apply.code, apply.stderr).toBe(0);
    expect(withoutReservedKeys((await liveMetadata())!)).toEqual({ team: 'sales' });
    const plan = await h.cli(['plan', '-f', file, '--detailed-exitcode'], { env });
    expect(plan.code, plan.stdout).toBe(0);
  });
});
