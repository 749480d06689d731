/** The registry of secret values and the masked output streams (src/secret-mask.ts). */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { flushMasked, MASK, maskedWriter, resetSecretMask, SecretMask, secretMask, unmasked } from '../src/secret-mask.js';

describe('SecretMask', () => {
  it('masks a value wherever it occurs, in raw, JSON-escaped and URL-encoded form', () => {
    const m = new SecretMask();
    m.add('p@ss"word/1');
    expect(m.mask('a p@ss"word/1 b')).toBe(`a ${MASK} b`);
    expect(m.mask(JSON.stringify({ x: 'p@ss"word/1' }))).toBe(`{"x":"${MASK}"}`);
    expect(m.mask(`?q=${encodeURIComponent('p@ss"word/1')}`)).toBe(`?q=${MASK}`);
  });

  it('masks each line of a multi-line value (a PEM key shown a line at a time)', () => {
    const m = new SecretMask();
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF\nAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
    m.add(pem);
    expect(m.mask('  3 | MIIEvQIBADANBgkqhkiG9w0BAQEF')).toBe(`  3 | ${MASK}`);
    expect(m.mask(JSON.stringify(pem))).toBe(`"${MASK}"`);
  });

  it('masks the longer of two overlapping secrets whole, and leaves values under 4 characters', () => {
    const m = new SecretMask();
    m.add('abcd');
    m.add('abcdefgh');
    m.add('on');
    expect(m.mask('abcdefgh abcd on')).toBe(`${MASK} ${MASK} on`);
    expect(m.leaks('x abcd')).toEqual(['abcd']);
  });

  it('masks keeping the width for a code frame, so a cut after masking leaves no part of a value', () => {
    const m = new SecretMask();
    m.add('LEAK-token-0123456789');
    const line = '  token: LEAK-token-0123456789 # x';
    const masked = m.maskKeepingWidth(line);
    expect(masked).toBe(`  token: ${'*'.repeat(21)} # x`);
    expect(masked.length).toBe(line.length);
    expect(m.mask(line.slice(0, 20))).toContain('LEAK-token'); // what a cut before masking would leave
  });

  it('masks a value echoed base64-encoded (standard, unpadded and URL-safe), as an API or proxy may return it', () => {
    const m = new SecretMask();
    const v = 'tw/ok+en=sec&ret?1>';
    m.add(v);
    const b64 = Buffer.from(v).toString('base64');
    expect(b64).toMatch(/=$/);
    expect(m.mask(`{"b64":"${b64}"}`)).toBe(`{"b64":"${MASK}"}`);
    expect(m.mask(`x ${b64.replace(/=+$/, '')} y`)).toBe(`x ${MASK} y`);
    expect(m.mask(`x ${Buffer.from(v).toString('base64url')} y`)).toBe(`x ${MASK} y`);
  });

  it('leaves a secret that equals a public name of the config readable where it stands as that name, and masks it elsewhere', () => {
    const m = new SecretMask();
    m.add('support');
    m.add('displayName');
    m.addNames(['support', 'app.support', 'app.support.integration.sms', 'displayName']);
    // Addresses and keys keep their shape: masking them hid nothing the config does not show.
    expect(m.mask('  + app.support.integration.sms (integration)')).toBe('  + app.support.integration.sms (integration)');
    expect(m.mask('      + displayName: "Support team"')).toBe('      + displayName: "Support team"');
    expect(m.mask('{"displayName":"x","support":1}')).toBe('{"displayName":"x","support":1}');
    // Standing alone, as a value, or inside another word, it is the secret.
    expect(m.mask('Invalid token support')).toBe(`Invalid token ${MASK}`);
    expect(m.mask('{"authToken":"support"}')).toBe(`{"authToken":"${MASK}"}`);
    expect(m.mask('app.supportx: 1')).toBe(`app.${MASK}x: 1`);
    expect(m.maskKeepingWidth('token: support # app.support')).toBe('token: ******* # app.support');
  });

  it('takes numbers and nested objects', () => {
    const m = new SecretMask();
    m.add({ a: 12345678, b: ['token-value'] });
    expect(m.mask('12345678 token-value')).toBe(`${MASK} ${MASK}`);
  });
});

describe('maskedWriter', () => {
  it('masks through the current registry and still reaches the stream', () => {
    const chunks: string[] = [];
    const out = { write: (c: string) => chunks.push(c), columns: 80 };
    const masked = maskedWriter(out);
    resetSecretMask().add('hunter22');
    masked.write('pw=hunter22\n');
    expect(chunks).toEqual([`pw=${MASK}\n`]);
    expect(masked.columns).toBe(80);
    expect(unmasked(masked)).toBe(out);
    expect(maskedWriter(masked)).toBe(masked);
    secretMask().add('second1');
    masked.write('second1');
    expect(chunks[1]).toBe(MASK);
  });
});

describe('a secret split across writes', () => {
  function writer() {
    const chunks: string[] = [];
    const masked = maskedWriter({ write: (c: string) => chunks.push(c) });
    return { chunks, masked };
  }

  it('is masked whole: the end of a write that could begin a secret waits for the next write', () => {
    const { chunks, masked } = writer();
    resetSecretMask().add('hunter22-secret');
    masked.write('pw=hun');
    expect(chunks).toEqual(['pw=']);
    masked.write('ter22-sec');
    masked.write('ret\n');
    expect(chunks.join('')).toBe(`pw=${MASK}\n`);
    expect(chunks.join('')).not.toMatch(/hun|ter22/);
    // Split in its JSON-escaped form, or a line of a multi-line value: the same.
    secretMask().add('line one\nline-two-of-it');
    masked.write('"line one\\nline-tw');
    masked.write('o-of-it"\n');
    expect(chunks.join('')).toBe(`pw=${MASK}\n"${MASK}"\n`);
  });

  it('writes at once what cannot begin a secret: a prompt, a progress line rewritten with \\r', () => {
    const { chunks, masked } = writer();
    resetSecretMask().add('hunter22-secret');
    masked.write('Apply these changes? ');
    masked.write('\r\u001b[2Kreading live state… 3/5 requests');
    expect(chunks).toEqual(['Apply these changes? ', '\r\u001b[2Kreading live state… 3/5 requests']);
  });

  it('flushMasked writes what is held: a short end as it is, the start of a secret as (sensitive)', () => {
    const { chunks, masked } = writer();
    resetSecretMask().add('hunter22-secret');
    masked.write('x hu');
    flushMasked(masked);
    expect(chunks.join('')).toBe('x hu');
    masked.write('y hunter2');
    flushMasked(masked);
    expect(chunks.join('')).toBe(`x huy ${MASK}`);
    flushMasked({ write: () => undefined }); // any other stream: nothing to do
  });

  async function child(how: string): Promise<{ stdout: string; code: number | null; signal: string | null }> {
    const root = join(import.meta.dirname, '..');
    const proc = spawn(process.execPath, ['--import', join(root, 'test/helpers/ts-register.mjs'), join(root, 'test/helpers/held-writer.ts'), how], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    return new Promise((resolve) => proc.on('close', (code, signal) => resolve({ stdout, code, signal })));
  }

  it('is flushed on process.exit and on a signal, which still ends the process', async () => {
    const [exited, killed, hungUp] = await Promise.all([child('exit'), child('SIGTERM'), child('SIGHUP')]);
    expect(exited).toEqual({ stdout: `a: ${MASK}\nb: ${MASK}`, code: 3, signal: null });
    expect(killed).toEqual({ stdout: `a: ${MASK}\nb: ${MASK}`, code: null, signal: 'SIGTERM' });
    expect(hungUp).toEqual({ stdout: `a: ${MASK}\nb: ${MASK}`, code: null, signal: 'SIGHUP' });
  });
});
