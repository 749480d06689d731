/**
 * Lengths are counted as ajv counts them (code points, `unicode: true`), on both sides: a
 * displayName of 100 emoji (200 UTF-16 units) is accepted by validate and the emulator, 101
 * are refused by both, and the message gives the count the limit is about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { caller, start, type Call } from '../helpers/emulator.js';
import { cleanup, issuesOf, load } from './helpers.js';

const emoji = (n: number) => '😀'.repeat(n);
const config = (name: string) => `version: 1\napps:\n  web:\n    displayName: "${name}"\n`;

let emu: RunningEmulator;
let call: Call;
beforeAll(async () => {
  emu = await start();
  call = caller(emu);
});
afterAll(async () => {
  await emu.close();
  await cleanup();
});

describe('string lengths in code points', () => {
  it('100 astral characters: accepted by validate and by the emulator', async () => {
    expect((await load({ 'sunco.yaml': config(emoji(100)) })).config.apps.web.displayName).toBe(emoji(100));
    expect((await call('POST', '/v2/apps', { body: { displayName: emoji(100) } })).status).toBe(201);
  });

  it('101 astral characters: refused by both, and the message counts 101', async () => {
    const issues = await issuesOf({ 'sunco.yaml': config(emoji(101)) });
    expect(issues.map((i) => [i.code, i.line, i.message])).toEqual([['too_long', 4, '"displayName" is 101 characters; the API allows at most 100']]);
    expect((await call('POST', '/v2/apps', { body: { displayName: emoji(101) } })).status).toBe(400);
  });
});

describe('enum messages name the field', () => {
  it('a prechatCapture field of type phone is not called an integration type', async () => {
    const issues = await issuesOf({ 'sunco.yaml': 'version: 1\napps:\n  web:\n    displayName: W\n    integrations:\n      site: { type: web, prechatCapture: { fields: [{ type: phone, name: p, label: P }] } }\n' });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['bad_value', 6]]);
    expect(issues[0]?.message).toBe('"prechatCapture.fields.0.type" must be one of: email, select, text');
  });

  it('an unknown integration type is still named so', async () => {
    const issues = await issuesOf({ 'sunco.yaml': 'version: 1\napps:\n  web:\n    displayName: W\n    integrations:\n      site: { type: wab }\n' });
    expect(issues.map((i) => [i.code, i.message])).toEqual([['unknown_integration_type', 'unknown integration type "wab"']]);
  });
});
