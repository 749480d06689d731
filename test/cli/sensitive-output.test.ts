/**
 * What is shown and what is masked (docs/secrets.md): values of undeclared variables in
 * ordinary fields are shown; credentials the API reads back, write-only fields and variables
 * declared sensitive are masked by value in every format, metadata included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type Harness, harness } from '../helpers/harness.js';

const CONFIG = `variables:
  BRAND: { description: the brand shown to customers }
  TEAM_TOKEN: { sensitive: true }
version: 1
apps:
  care:
    displayName: "\${BRAND} Care"
    metadata: { team: "\${TEAM_TOKEN}", region: eu-1 }
    integrations:
      line:
        type: line
        channelId: "1650000000"
        channelSecret: line-channel-secret-literal
        channelAccessToken: \${LINE_TOKEN}
      fb:
        type: messenger
        appId: "123"
        appSecret: messenger-app-secret-1
        pageAccessToken: \${FB_TOKEN}
`;

const SECRETS = ['line-channel-secret-literal', 'line-token-from-env', 'fb-page-token-1', 'messenger-app-secret-1', 'team-token-xyz'];

let h: Harness;
beforeAll(async () => {
  h = await harness();
  await h.write('sunco.yaml', CONFIG);
});
afterAll(async () => h.close());

const env = { BRAND: 'Acme', LINE_TOKEN: 'line-token-from-env', FB_TOKEN: 'fb-page-token-1', TEAM_TOKEN: 'team-token-xyz' };

function noSecret(text: string): void {
  for (const s of SECRETS) expect(text, `leaked ${s}`).not.toContain(s);
}

describe('plan output', () => {
  it('shows an undeclared variable in a name, masks credentials and the sensitive metadata value, in text, JSON and markdown', async () => {
    const text = await h.cli(['plan'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('"Acme Care"');
    expect(text.stdout).toMatch(/channelSecret.*\(sensitive\)/);
    expect(text.stdout).toMatch(/pageAccessToken.*\(sensitive\)/);
    for (const format of ['json', 'markdown']) {
      const r = await h.cli(['plan', '--format', format], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Acme Care');
      noSecret(r.stdout + r.stderr);
    }
    noSecret(text.stdout + text.stderr);
  });

  it('--out writes a plan file of mode 0600 with no secret in it', async () => {
    const r = await h.cli(['plan', '--out', 'plan.json'], { env });
    expect(r.code).toBe(0);
    const file = join(h.dir, 'plan.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    noSecret(await readFile(file, 'utf8'));
  });

  it('apply and --debug print no secret, and a rotated credential is an update shown as (sensitive)', async () => {
    const applied = await h.cli(['apply', '--yes', '--debug'], { env });
    expect(applied.code).toBe(0);
    noSecret(applied.stdout + applied.stderr);
    const rotated = { ...env, FB_TOKEN: 'fb-page-token-2' };
    const r = await h.cli(['plan', '--format', 'json', '--debug'], { env: rotated });
    expect(r.code).toBe(0);
    noSecret(r.stdout + r.stderr);
    expect(r.stdout + r.stderr).not.toContain('fb-page-token-2');
    const text = await h.cli(['plan'], { env: rotated });
    expect(text.stdout).toMatch(/~ pageAccessToken: \(sensitive\)/);
  });
});
