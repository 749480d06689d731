/**
 * Red-team, round 2 (issue 14): a sensitive value that is also a name of the config. Masked
 * by value everywhere, a token "support" beside an app named support turned every address into
 * `app.(sensitive)` and a token "displayName" turned plan JSON keys and text labels into
 * "(sensitive)". Such a value is now left where it stands as the config's name, and still
 * masked where it stands alone (docs/secrets.md "Masking by value").
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = `version: 1
variables:
  TOKEN: { sensitive: true }
apps:
  support:
    displayName: Support team
    metadata: { note: "\${TOKEN}" }
    integrations:
      sms: { type: twilio, displayName: SMS, accountSid: AC1, authToken: "\${TOKEN}", phoneNumberSid: PN1 }
`;

it('a token equal to an app name leaves the addresses readable in plan text and JSON', async () => {
  await h.write('sunco.yaml', config);
  const text = await h.cli(['plan'], { env: { TOKEN: 'support' } });
  expect(text.code, text.stderr).toBe(0);
  expect(text.stdout).toContain('+ app.support.integration.sms (integration)');
  expect(text.stdout).toContain('+ authToken: (sensitive)');
  expect(text.stdout).not.toContain('app.(sensitive)');
  const json = await h.cli(['plan', '--json'], { env: { TOKEN: 'support' } });
  const doc = JSON.parse(json.stdout) as { changes: { address: string }[] };
  expect(doc.changes.map((c) => c.address)).toEqual(['app.support', 'app.support.integration.sms']);
});

it('a token equal to a field name leaves the labels of the plan text readable', async () => {
  await h.write('sunco.yaml', config);
  const text = await h.cli(['plan'], { env: { TOKEN: 'displayName' } });
  expect(text.code, text.stderr).toBe(0);
  expect(text.stdout).toContain('+ displayName: "Support team"');
  expect(text.stdout).toContain('+ metadata.note: (sensitive)');
});

it('the same token standing alone is still masked: in the --debug body of the apply', async () => {
  await h.write('sunco.yaml', config);
  const r = await h.cli(['apply', '--yes', '--debug'], { env: { TOKEN: 'support' } });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).not.toMatch(/"(authToken|note)":"support"/);
  expect(r.stdout + r.stderr).toContain('app.support.integration.sms');
});
