import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../src/config/dotenv.js';
import { dotenvTemplate, envPart, variableDeclarations, VariableNames } from '../../src/export/variables.js';

describe('export variables', () => {
  it('names a variable after app, integration and field', () => {
    const names = new VariableNames();
    expect(names.take('support', 'telegram', 'token')).toBe('SUPPORT_TELEGRAM_TOKEN');
    expect(names.take('support', 'sms', 'authToken')).toBe('SUPPORT_SMS_AUTH_TOKEN');
    expect(names.take('my-app', 'line-2', 'channelSecret')).toBe('MY_APP_LINE_2_CHANNEL_SECRET');
    // A clash (support-telegram/token vs support/telegram-token) gets a suffix.
    expect(names.take('support', 'telegram-token')).toBe('SUPPORT_TELEGRAM_TOKEN_2');
    expect(names.take('1st', 'x')).toBe('V_1ST_X');
    expect(envPart('accountManagementAccessToken')).toBe('ACCOUNT_MANAGEMENT_ACCESS_TOKEN');
  });

  it('writes a dotenv template that --var-file reads back: each variable empty, after a comment naming its field', () => {
    const text = dotenvTemplate(
      [
        { name: 'SUPPORT_TELEGRAM_TOKEN', address: 'app.support.integration.telegram', field: 'token', reason: 'write-only' },
        { name: 'SUPPORT_LINE_CHANNEL_SECRET', address: 'app.support.integration.line', field: 'channelSecret', reason: 'credential', savedIn: { file: 'secrets.json', key: 'app.support.integration.line#channelSecret' } },
      ],
      'sunco.yaml',
    );
    expect(text).toContain('# app.support.integration.telegram: token (write-only: the API never returns it)\nSUPPORT_TELEGRAM_TOKEN=\n');
    expect(text).toContain('#   its current value is in secrets.json under "app.support.integration.line#channelSecret"\nSUPPORT_LINE_CHANNEL_SECRET=\n');
    const parsed = parseDotenv(text);
    expect(parsed.problems).toEqual([]);
    expect([...parsed.values.entries()]).toEqual([['SUPPORT_TELEGRAM_TOKEN', ''], ['SUPPORT_LINE_CHANNEL_SECRET', '']]);
  });

  it('declares every variable sensitive, per app when asked', () => {
    const vars = [
      { name: 'A_TG_TOKEN', address: 'app.a.integration.tg', field: 'token', reason: 'write-only' as const },
      { name: 'AB_TG_TOKEN', address: 'app.ab.integration.tg', field: 'token', reason: 'write-only' as const },
    ];
    expect(variableDeclarations(vars)).toEqual({
      A_TG_TOKEN: { description: 'app.a.integration.tg: token', sensitive: true },
      AB_TG_TOKEN: { description: 'app.ab.integration.tg: token', sensitive: true },
    });
    expect(Object.keys(variableDeclarations(vars, 'a'))).toEqual(['A_TG_TOKEN']);
  });
});
