/**
 * The bot of docs/emulator.md ("Build a bot locally"), run exactly as shipped
 * (examples/bot/bot.mjs as a child process) against `sunco emulator --config
 * examples/bot/sunco.yaml`: a user message goes in, the bot's reply comes out, visible
 * through `sunco messages list`. The page shows the same code as the file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorEvents } from '../../src/cli/commands/emulator-run.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const botFile = join(root, 'examples/bot/bot.mjs');
let bot: ChildProcess | undefined;

afterEach(() => {
  bot?.kill();
  bot = undefined;
});

/** A port free right now, for the bot (the config's webhook target must name it before the bot starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function startBot(env: NodeJS.ProcessEnv): Promise<string> {
  bot = spawn(process.execPath, [botFile], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolveLine, reject) => {
    let out = '';
    bot?.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /bot listening on (\S+)/.exec(out);
      if (m?.[1]) resolveLine(m[1]);
    });
    bot?.on('exit', (code) => reject(new Error(`bot exited ${String(code)}`)));
  });
}

describe('examples/bot', () => {
  it('answers a user message through the API: the reply shows in `sunco messages list`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-bot-'));
    const secrets = join(dir, 'secrets.json');
    const port = await freePort();
    const started = new Promise<RunningEmulator>((r) => emulatorEvents.once('started', r));
    const emulator = runCli(
      ['emulator', '--port', '0', '--key', 'act_bot:bot-secret', '--config', 'examples/bot/sunco.yaml', '--var', `BOT_URL=http://127.0.0.1:${port}/sunco`, '--secrets-out', secrets, '--quiet'],
      { cwd: root },
    );
    const emu = await Promise.race([started, emulator.then((r) => Promise.reject(new Error(r.stderr)))]);
    try {
      const url = await startBot({ SUNCO_API_URL: emu.url, SECRETS: secrets, PORT: String(port) });
      expect(url).toBe(`http://127.0.0.1:${port}/sunco`);
      const env = { SUNCO_API_URL: emu.url, SUNCO_KEY_ID: 'act_bot', SUNCO_KEY_SECRET: 'bot-secret' };
      const app = 'Bot playground';
      const user = JSON.parse((await runCli(['users', 'create', '--app', app, '--external-id', 'ada', '--json'], { env })).stdout);
      const conv = JSON.parse((await runCli(['conversations', 'create', '--app', app, '--user', user.id, '--json'], { env })).stdout);
      const posted = await runCli(['messages', 'post', '--app', app, '--conversation', conv.id, '--as', `user:${user.id}`, '--text', 'hello bot', '--json'], { env });
      expect(posted.code, posted.stderr).toBe(0);
      // The bot answers before it acknowledges the webhook, so once deliveries are idle the reply is in.
      await emu.webhooks.idle();
      const listed = await runCli(['messages', 'list', '--app', app, '--conversation', conv.id, '--json'], { env });
      const messages = JSON.parse(listed.stdout) as { author: { type: string }; content: { text: string } }[];
      expect(messages.map((m) => [m.author.type, m.content.text])).toEqual([
        ['user', 'hello bot'],
        ['business', 'You said: hello bot'],
      ]);
      expect(emu.webhooks.deliveries().map((d) => [d.type, d.status])).toEqual([
        ['conversation:message', 'delivered'],
        ['conversation:message', 'delivered'],
      ]);
    } finally {
      process.emit('SIGTERM');
      expect((await emulator).code).toBe(0);
    }
  });

  it('answers 500 and keeps running when the API cannot be reached (the emulator then retries)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunco-bot-'));
    const secrets = join(dir, 'secrets.json');
    const hook = { id: 'wh1', secret: 'hook-secret' };
    writeFileSync(secrets, JSON.stringify({ 'app.playground.integration.bot.webhook.main': hook, 'app.playground.integration.bot.key.runtime': { id: 'int_1', secret: 'k' } }));
    const [port, closed] = [await freePort(), await freePort()];
    const url = await startBot({ SUNCO_API_URL: `http://127.0.0.1:${closed}`, SECRETS: secrets, PORT: String(port) });
    const event = { app: { id: 'a1' }, webhook: { id: 'wh1', version: 'v2' }, events: [{ id: 'e1', type: 'conversation:message', createdAt: '2026-01-01T00:00:00.000Z', payload: { conversation: { id: 'c1' }, message: { author: { type: 'user' }, content: { type: 'text', text: 'hi' } } } }] };
    const post = () => fetch(url, { method: 'POST', headers: { 'x-api-key': hook.secret, 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect((await post()).status).toBe(500);
    // Still alive: a second delivery gets an answer too.
    expect((await post()).status).toBe(500);
    expect(bot?.exitCode).toBeNull();
  });

  it('is the code docs/emulator.md shows', () => {
    const page = readFileSync(join(root, 'docs/emulator.md'), 'utf8');
    const section = page.slice(page.indexOf('## Build a bot locally'));
    const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(botFile, 'utf8'));
  });
});
