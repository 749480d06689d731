/**
 * After apply the secrets file keeps only entries that name live objects of the config: an
 * entry moves with a renamed key or webhook, and the entries of objects the apply deleted
 * (directly, or inside a deleted app) are removed. Entries are matched by id, so an entry
 * another config wrote, or one without an id, stays.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../helpers/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const app = (name: string, key: string, hook: string) => `  ${name}:
    displayName: ${name}
    keys:
      ${key}: { displayName: CI deployer }
    integrations:
      bot:
        type: custom
        displayName: Bot
        webhooks:
          ${hook}: { target: "https://bot.example.com/${name}", triggers: ["conversation:message"] }
`;
const config = (...apps: string[]) => `version: 1\napps:\n${apps.join('')}`;

describe('the secrets file after apply', () => {
  it('follows a renamed key and webhook: the entry moves to the new address, the old one goes', async () => {
    const file = await h.write('sunco.yaml', config(app('support', 'ci', 'main')));
    expect((await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'])).code).toBe(0);
    const before = await h.secrets();
    await h.write('sunco.yaml', config(app('support', 'deployer', 'primary')));
    const r = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(r.code, r.stderr).toBe(0);
    const after = await h.secrets();
    expect(after).toEqual({
      'app.support.key.deployer': before['app.support.key.ci'],
      'app.support.integration.bot.webhook.primary': before['app.support.integration.bot.webhook.main'],
    });
    expect(r.stdout).toContain('Secrets: removed 2 entries from secrets.json whose object was deleted or is now managed under another address: app.support.key.ci, app.support.integration.bot.webhook.main');
    for (const v of Object.values(before)) expect(r.stdout + r.stderr).not.toContain(v.secret);
    // Nothing more to tidy.
    const again = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(again.stdout).not.toContain('removed');
  });

  it('drops the entries of what --prune deleted, an integration with its webhooks included, and keeps the rest', async () => {
    const file = await h.write('sunco.yaml', config(app('support', 'ci', 'main'), app('sales', 'ci', 'main')));
    expect((await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json'])).code).toBe(0);
    const before = await h.secrets();
    expect(Object.keys(before)).toHaveLength(4);
    const foreign = { 'app.elsewhere.key.ci': { id: 'app_of_another_config', secret: 'a-secret-of-another-config' }, 'app.manual.key.x': { secret: 'an-entry-without-id' } };
    await writeFile(join(h.dir, 'secrets.json'), JSON.stringify({ ...before, ...foreign }));

    // The key of support goes, and so does the sales integration with its webhook.
    await h.write('sunco.yaml', config(app('support', 'ci', 'main').replace(/ {4}keys:\n.*\n/, ''), app('sales', 'ci', 'main').replace(/ {4}integrations:[^]*/, '')));
    const r = await h.cli(['apply', '-f', file, '--yes', '--prune', '--secrets-out', 'secrets.json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/deleted/);
    const after = await h.secrets();
    expect(after).toEqual({
      'app.support.integration.bot.webhook.main': before['app.support.integration.bot.webhook.main'],
      'app.sales.key.ci': before['app.sales.key.ci'],
      ...foreign,
    });
    expect(r.stdout).toMatch(/Secrets: removed 2 entries from secrets\.json .*: app\.support\.key\.ci, app\.sales\.integration\.bot\.webhook\.main$/m);
  });
});
