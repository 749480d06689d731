/**
 * A value that is exactly one `${VAR}` is coerced where the schema wants a number or a
 * boolean, under the same rules as a number written in the file: integers exact (at most
 * 2^53 - 1), numbers finite.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, issuesOf, load } from './helpers.js';

afterAll(cleanup);
const file = 'version: 1\napps:\n  a:\n    displayName: A\n    settings:\n      conversationRetentionSeconds: ${RET}\n';

describe('coercing a whole ${VAR}', () => {
  it('an integer variable becomes the integer', async () => {
    const { config } = await load({ 'sunco.yaml': file }, { vars: ['RET=9007199254740991'] });
    expect(config.apps.a!.settings!.conversationRetentionSeconds).toBe(9007199254740991);
  });

  it.each(['99999999999999999999', '9007199254740993', '1.5', 'abc'])('RET=%s is refused at its line, as it would be written in the file', async (v) => {
    const issues = await issuesOf({ 'sunco.yaml': file }, { vars: [`RET=${v}`] });
    expect(issues.map((i) => [i.line, i.message])).toEqual([[6, `"settings.conversationRetentionSeconds" must be an integer, not string "${v}"`]]);
  });
});
