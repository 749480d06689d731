/**
 * The action's script (scripts/action/run.mjs), run as action.yml runs it: a child process
 * with the inputs in its environment, the built sunco, the emulator as the SunCo API and a
 * fake GitHub REST API on 127.0.0.1 that records every request.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { builtPackage, ROOT } from '../../helpers/build.js';

interface Recorded { method: string; url: string; auth?: string; body?: { body: string } }
interface Comment { id: number; body: string }

/** Just enough of GitHub's issue-comments API: list (paginated), create, update. */
function fakeGitHub(): { server: Server; requests: Recorded[]; comments: Comment[] } {
  const requests: Recorded[] = [];
  const comments: Comment[] = [{ id: 1, body: 'LGTM, but see <!-- sunco-plan:staging --> quoted by a human' }];
  let next = 100;
  const read = async (req: IncomingMessage): Promise<string> => {
    let s = '';
    for await (const c of req) s += String(c);
    return s;
  };
  const server = createServer((req, res) => {
    void read(req).then((raw) => {
      const body = raw ? (JSON.parse(raw) as { body: string }) : undefined;
      requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
      const url = new URL(req.url!, 'http://x');
      const send = (status: number, json: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      if (req.method === 'GET' && url.pathname === '/repos/acme/config/issues/7/comments') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const per = Number(url.searchParams.get('per_page') ?? 30);
        return send(200, comments.slice((page - 1) * per, page * per));
      }
      if (req.method === 'POST' && url.pathname === '/repos/acme/config/issues/7/comments') {
        const c = { id: next++, body: body!.body };
        comments.push(c);
        return send(201, c);
      }
      const m = /^\/repos\/acme\/config\/issues\/comments\/(\d+)$/.exec(url.pathname);
      const c = m && comments.find((x) => x.id === Number(m[1]));
      if (req.method === 'PATCH' && c) {
        c.body = body!.body;
        return send(200, c);
      }
      send(404, { message: 'Not Found' });
    });
  });
  return { server, requests, comments };
}

const CONFIG = `version: 1
apps:
  support:
    displayName: Acme Support
    integrations:
      bot:
        type: custom
        displayName: Support bot
        webhooks:
          main: { target: "https://bot.acme.example/hook", triggers: ["conversation:message"] }
`;

let emu: RunningEmulator;
let gh: ReturnType<typeof fakeGitHub>;
let ghUrl: string;
let pkg: string;
let dir: string;

beforeAll(async () => {
  [emu, pkg] = await Promise.all([startEmulator({ port: 0 }), builtPackage()]);
  gh = fakeGitHub();
  await new Promise<void>((r) => gh.server.listen(0, '127.0.0.1', r));
  ghUrl = `http://127.0.0.1:${(gh.server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'sunco-action-'));
  writeFileSync(join(dir, 'sunco.yaml'), CONFIG);
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }));
});

afterAll(async () => {
  await emu.close();
  await new Promise((r) => gh.server.close(r));
});

function runAction(inputs: Record<string, string>, script = join(ROOT, 'scripts/action/run.mjs')): Promise<{ code: number; stdout: string; stderr: string; outputs: string; summary: string }> {
  const tag = `${inputs.SUNCO_ENVIRONMENT ?? 'default'}-${Math.random().toString(36).slice(2)}`;
  const outFile = join(dir, `out-${tag}`);
  const summaryFile = join(dir, `summary-${tag}`);
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const env = {
    PATH: process.env.PATH,
    SUNCO_CLI: join(pkg, 'dist/cli/bin/sunco.js'),
    SUNCO_WORKDIR: dir,
    SUNCO_API_URL: emu.url,
    SUNCO_KEY_ID: emu.accountKey.keyId,
    SUNCO_KEY_SECRET: emu.accountKey.secret,
    SUNCO_COMMENT: 'true',
    GITHUB_API_URL: ghUrl,
    GITHUB_TOKEN: 'ghs_test-token',
    GITHUB_REPOSITORY: 'acme/config',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_OUTPUT: outFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    NO_COLOR: '1',
    ...inputs,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { env, cwd: dir }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr, outputs: readFileSync(outFile, 'utf8'), summary: readFileSync(summaryFile, 'utf8') });
    });
  });
}

describe('the action script', () => {
  it('plans, writes the summary and outputs, and creates the comment; a second run updates it in place', async () => {
    const first = await runAction({ SUNCO_COMMAND: 'plan', SUNCO_ENVIRONMENT: 'staging' });
    expect(first.stderr).toContain('created the staging plan comment on #7');
    expect(first.code).toBe(0);
    expect(first.outputs).toBe(`has-changes=true\nplan-file=${join(dir, 'sunco-plan-staging.json')}\n`);
    expect(first.summary.startsWith('<!-- sunco-plan:staging -->\n## sunco plan: staging\n')).toBe(true);
    expect(first.summary).toContain('<code>app.support.integration.bot</code>');
    const posts = gh.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('/repos/acme/config/issues/7/comments');
    expect(posts[0]!.auth).toBe('Bearer ghs_test-token');
    expect(posts[0]!.body!.body.startsWith('<!-- sunco-plan:staging -->')).toBe(true);
    // The human's comment that quotes the marker is not taken for ours.
    expect(gh.comments[0]!.body).toContain('LGTM');

    // The config changes between the runs: the second plan differs, and updates the same comment.
    writeFileSync(join(dir, 'sunco.yaml'), CONFIG.replace('Acme Support', 'Acme Help'));
    const before = gh.requests.length;
    const second = await runAction({ SUNCO_COMMAND: 'plan', SUNCO_ENVIRONMENT: 'staging' });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`updated the staging plan comment on #7 (comment 100)`);
    const made = gh.requests.slice(before);
    expect(made.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(made[1]!.url).toBe('/repos/acme/config/issues/comments/100');
    expect(gh.comments.filter((c) => c.body.startsWith('<!-- sunco-plan:staging -->'))).toHaveLength(1);
    expect(gh.comments.find((c) => c.id === 100)!.body).toContain('Acme Help');
  });

  it('keeps one comment per environment', async () => {
    const prod = await runAction({ SUNCO_COMMAND: 'plan', SUNCO_ENVIRONMENT: 'production' });
    expect(prod.code).toBe(0);
    expect(prod.stderr).toContain('created the production plan comment on #7');
    const again = await runAction({ SUNCO_COMMAND: 'plan', SUNCO_ENVIRONMENT: 'staging' });
    expect(again.stderr).toMatch(/(updated|unchanged) the staging plan comment/);
    const ours = gh.comments.filter((c) => c.body.startsWith('<!-- sunco-plan:'));
    expect(ours.map((c) => c.body.split('\n')[0]).sort()).toEqual(['<!-- sunco-plan:production -->', '<!-- sunco-plan:staging -->']);
  });

  it('applies the saved plan, and refuses it once stale', async () => {
    const planned = await runAction({ SUNCO_COMMAND: 'plan', SUNCO_ENVIRONMENT: 'prod', SUNCO_COMMENT: 'false' });
    expect(planned.code).toBe(0);
    const posted = gh.requests.length;
    const applied = await runAction({ SUNCO_COMMAND: 'apply', SUNCO_ENVIRONMENT: 'prod', SUNCO_SECRETS_OUT: join(dir, 'secrets.json') });
    expect(applied.stderr).not.toContain('Error');
    expect(applied.code).toBe(0);
    expect(applied.outputs).toContain('has-changes=true\n');
    const auth = Buffer.from(`${emu.accountKey.keyId}:${emu.accountKey.secret}`).toString('base64');
    const apps = (await (await fetch(`${emu.url}/v2/apps`, { headers: { authorization: `Basic ${auth}` } })).json()) as { apps: { displayName: string }[] };
    expect(apps.apps.map((a) => a.displayName)).toEqual(['Acme Help']);
    expect(gh.requests.length).toBe(posted);
    // The same plan file again: the live state moved on since it was made.
    const stale = await runAction({ SUNCO_COMMAND: 'apply', SUNCO_ENVIRONMENT: 'prod', SUNCO_SECRETS_OUT: join(dir, 'secrets2.json') });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/stale|changed since the plan was made/);
  });

  it('runs from an action path with a space and an é in it, and through a symlink (it ran nothing and exited 0)', async () => {
    const where = join(mkdtempSync(join(tmpdir(), 'sunco action é-')), 'scripts', 'action');
    cpSync(join(ROOT, 'scripts/action'), where, { recursive: true });
    const linked = join(mkdtempSync(join(tmpdir(), 'sunco-action-link-')), 'action');
    symlinkSync(where, linked, 'dir');
    for (const script of [join(where, 'run.mjs'), join(linked, 'run.mjs')]) {
      const r = await runAction({ SUNCO_COMMAND: 'plan', SUNCO_ENVIRONMENT: 'spaced', SUNCO_COMMENT: 'false' }, script);
      expect(r.code, r.stderr).toBe(0);
      // What has changed depends on the tests before; that it ran and said so does not.
      expect(r.outputs, script).toMatch(/^has-changes=(true|false)\nplan-file=.*\/sunco-plan-spaced\.json\n$/);
      expect(r.summary.startsWith('<!-- sunco-plan:spaced -->\n')).toBe(true);
    }
  });
});
