/**
 * sunco-apply recovers secrets the file lacks, or holds under another id, from the live
 * objects (the API returns key and webhook secrets on GET and list), and never prints them.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../helpers/harness.js';
import { SUPPORT_CONFIG } from '../helpers/secret-configs.js';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

const config = SUPPORT_CONFIG;

describe('secret recovery', () => {
  it('recovers a missing and a stale entry from the live objects, naming the addresses only', async () => {
    const file = await h.write('a.yaml', config);
    const first = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(first.code).toBe(0);
    expect(first.stdout + first.stderr).not.toContain('recovered');
    const good = await h.secrets();
    const key = 'app.support.key.deployer';
    const hook = 'app.support.integration.bot.webhook.main';
    expect(good[key]?.secret).toEqual(expect.any(String));
    expect(good[hook]?.secret).toEqual(expect.any(String));
    const damaged = { ...good, [hook]: { id: 'wh_from_an_older_object', secret: 'an-old-webhook-secret' } };
    delete (damaged as Record<string, unknown>)[key];
    await writeFile(join(h.dir, 'secrets.json'), JSON.stringify(damaged));

    const again = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`recovered 2 secrets into secrets.json from the live objects: ${key}, ${hook}`);
    for (const s of [good[key]!.secret, good[hook]!.secret]) {
      expect(again.stdout).not.toContain(s);
      expect(again.stderr).not.toContain(s);
    }
    expect(again.stdout + again.stderr).not.toMatch(/delete the (key|webhook)/);
    const fixed = await h.secrets();
    expect(fixed[key]).toEqual(good[key]);
    expect(fixed[hook]).toEqual(good[hook]);

    const third = await h.cli(['apply', '-f', file, '--yes', '--secrets-out', 'secrets.json']);
    expect(third.stdout).not.toContain('recovered');
  });

  it('recovers on the saved-plan path: sunco-plan --out, an entry deleted, sunco-apply PLANFILE --secrets-out', async () => {
    await h.write('sunco.yaml', config.replace('    displayName: Support\n', '    displayName: Support\n    settings: { echoPostback: false }\n'));
    const first = await h.cli(['apply', '--yes', '--secrets-out', 'secrets.json']);
    expect(first.code, first.stderr).toBe(0);
    const good = await h.secrets();
    const key = 'app.support.key.deployer';
    const hook = 'app.support.integration.bot.webhook.main';
    // A change to apply from a plan file, made before the entry goes.
    await h.write('sunco.yaml', config.replace('    displayName: Support\n', '    displayName: Support\n    settings: { echoPostback: true }\n'));
    const plan = await h.cli(['plan', '--out', 'plan.json']);
    expect(plan.code, plan.stderr).toBe(0);
    const { [key]: _gone, ...rest } = good;
    await writeFile(join(h.dir, 'secrets.json'), JSON.stringify(rest));

    const applied = await h.cli(['apply', 'plan.json', '--secrets-out', 'secrets.json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`Secrets: recovered 1 secret into secrets.json from the live objects: ${key}\n`);
    expect(applied.stdout).toMatch(/1 updated/);
    expect(await h.secrets()).toEqual(good);
    for (const s of [good[key]!.secret, good[hook]!.secret]) expect(applied.stdout + applied.stderr).not.toContain(s);
  });
});
