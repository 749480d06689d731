import { describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli.js';

const NOUNS = ['conversations', 'messages', 'users', 'participants', 'activity', 'switchboard', 'attachments', 'apps', 'integrations', 'webhooks', 'keys', 'switchboards'];

describe('sunco <noun> usage errors', () => {
  it.each(NOUNS)('%s without a verb names the verbs and exits 1', async (noun) => {
    const r = await runCli([noun]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Error: Name a verb: ${noun} \\w`));
  });

  it('rejects an unknown verb and a missing required flag before any call', async () => {
    expect((await runCli(['messages', 'frob'])).stderr).toContain('Unexpected argument "frob" for sunco messages.');
    const r = await runCli(['messages', 'post', '--text', 'x'], { env: { SUNCO_API_URL: 'http://127.0.0.1:9', SUNCO_KEY_ID: 'k', SUNCO_KEY_SECRET: 's' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Missing --conversation.');
  });

  it('rejects --all with --after, before any call', async () => {
    const r = await runCli(['conversations', 'list', '--user', 'u', '--all', '--after', '5e1606762556d93e9c176f69', '--app', '5e1606762556d93e9c176f69'], {
      env: { SUNCO_API_URL: 'http://127.0.0.1:9', SUNCO_KEY_ID: 'k', SUNCO_KEY_SECRET: 's' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--all and --after cannot be used together.');
  });

  it('asks for credentials when none are given', async () => {
    const r = await runCli(['users', 'get', 'x', '--app', '5e1606762556d93e9c176f69'], { env: { SUNCO_API_URL: 'http://127.0.0.1:9' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Missing API credentials');
  });
});
