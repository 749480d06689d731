/** The hint printed after `sunco-plan --out`: every connection flag given is repeated, under its own flag name; no secret is. */
import { describe, expect, it } from 'vitest';
import { applyHint } from '../../src/cli/plan-target.js';
import { plan } from '../apply/helpers/plans.js';

describe('applyHint', () => {
  it('repeats each connection flag by its dashed name, quotes what the shell would split, and never the key secret or a --var value', () => {
    const hint = applyHint('plans/p.json', plan([]), {
      apiUrl: 'http://127.0.0.1:8090',
      region: 'eu-1',
      subdomain: 'acme',
      auth: 'jwt',
      keyId: 'app_1',
      keySecret: 'the-key-secret',
      profile: 'my staging',
      insecure: true,
      var: ['TOKEN=the-token'],
    });
    expect(hint).toBe(
      "sunco-apply plans/p.json --api-url http://127.0.0.1:8090 --region eu-1 --subdomain acme --auth jwt --key-id app_1 --profile 'my staging' --insecure --key-secret … --var TOKEN=… (with the same --var values as this plan)",
    );
  });

  it('is the file alone when nothing was given', () => {
    expect(applyHint('p.json', plan([]), {})).toBe('sunco-apply p.json');
  });
});
