#!/usr/bin/env node
// `npm run demo` (after `npm run build`): one emulator on a free port, then the built CLI
// against it: apply an example, plan again (no changes), change one field, plan (one update).
// `node scripts/demo.mjs examples/bot.yaml` picks another example (a file or a directory; an
// `examples/NAME.env.example` beside it is passed as --var-file).
// Exits non-zero when a step does not behave as shown.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = process.argv[2] ?? 'examples/handoff.yaml';
const bin = (name) => join(root, 'dist', 'cli', 'bin', `${name}.js`);
const bold = process.stdout.isTTY && !process.env.NO_COLOR ? (s) => `\u001b[1m${s}\u001b[22m` : (s) => s;
const heading = (text) => console.log(`\n${bold(`== ${text}`)}\n`);

function sunco(name, args, env) {
  // Async spawn: the emulator lives in this process and must keep answering meanwhile.
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin(name), ...args], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

/** A copy of the example with one field changed: the first app's conversationRetentionSeconds. */
async function changedCopy(example, tmp) {
  const src = join(root, example);
  const isDir = (await stat(src)).isDirectory();
  const dest = join(tmp, isDir ? 'changed' : 'changed.yaml');
  await cp(src, dest, { recursive: true });
  const files = isDir ? (await readdir(dest)).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dest, f)) : [dest];
  for (const file of files) {
    const doc = parseDocument(await readFile(file, 'utf8'));
    const [appName] = Object.keys(doc.toJS()?.apps ?? {});
    if (appName === undefined) continue;
    doc.setIn(['apps', appName, 'settings', 'conversationRetentionSeconds'], 86400);
    await writeFile(file, String(doc));
    return { path: dest, what: `apps.${appName}.settings.conversationRetentionSeconds → 86400 in ${file}` };
  }
  throw new Error(`${example} declares no app`);
}

function expectCode(what, code, want) {
  if (code !== want) {
    console.error(`\ndemo: ${what} exited ${code}, expected ${want}`);
    process.exitCode = 1;
    throw new Error('demo failed');
  }
}

const { startEmulator } = await import(join(root, 'dist', 'emulator', 'index.js'));
const emu = await startEmulator({ port: 0 });
const tmp = await mkdtemp(join(tmpdir(), 'sunco-demo-'));
const env = {
  ...process.env,
  SUNCO_API_URL: emu.url,
  SUNCO_KEY_ID: emu.accountKey.keyId,
  SUNCO_KEY_SECRET: emu.accountKey.secret,
  NO_COLOR: process.env.NO_COLOR ?? '',
};
delete env.SUNCO_DEBUG;
// Values for the example's ${VARIABLES}, from its sample file; real ones come from your CI secrets.
const varFile = example.replace(/\/?$/, '').replace(/\.ya?ml$/, '') + '.env.example';
const vars = existsSync(join(root, varFile)) ? ['--var-file', varFile] : [];
try {
  console.log(`demo: emulator listening on ${emu.url}; config ${example}`);
  const secrets = join(tmp, 'secrets.json');

  heading(`1. sunco-apply -f ${example} ${vars.join(' ')}${vars.length ? ' ' : ''}--yes --secrets-out ${secrets}`);
  expectCode('sunco-apply', await sunco('sunco-apply', ['-f', example, ...vars, '--yes', '--secrets-out', secrets], env), 0);
  if (existsSync(secrets)) {
    const saved = JSON.parse(await readFile(secrets, 'utf8'));
    const mode = ((await stat(secrets)).mode & 0o777).toString(8);
    console.log(`\nSecrets file (mode ${mode}) holds credentials for: ${Object.keys(saved).join(', ')}`);
  } else {
    console.log('\nNo generated secrets (this example creates no keys or webhooks), so no secrets file.');
  }

  heading('2. sunco-plan again: live state matches, nothing to change');
  expectCode('sunco-plan (second plan)', await sunco('sunco-plan', ['-f', example, ...vars, '--detailed-exitcode'], env), 0);

  heading('3. Change one field in a copy of the config, then sunco-plan');
  const changed = await changedCopy(example, tmp);
  console.log(changed.what);
  expectCode('sunco-plan (changed config)', await sunco('sunco-plan', ['-f', changed.path, ...vars, '--detailed-exitcode'], env), 2);

  console.log('\ndemo: all steps behaved as expected.');
} catch (err) {
  if (process.exitCode !== 1) console.error(err);
  process.exitCode = 1;
} finally {
  await emu.close();
  await rm(tmp, { recursive: true, force: true });
}
