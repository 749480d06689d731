#!/usr/bin/env node
/**
 * The script behind action.yml: run sunco-plan or sunco-apply, write the markdown plan to
 * the job summary, set the `has-changes` and `plan-file` outputs, and create or update this
 * environment's pull-request comment. Inputs arrive as environment variables (action.yml maps
 * them); sunco is the installed `sunco`, or SUNCO_CLI (a JS file or an executable) when set.
 * Exit code: 0, or 1 when sunco failed (its message is already on stderr).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { githubClient, upsertComment } from './github.mjs';

/** The job summary takes up to 1 MiB per step; the comment takes 65,536 characters. */
const SUMMARY_LIMIT = 1_000_000;

function sunco(env, args, { capture = false } = {}) {
  const cli = env.SUNCO_CLI || 'sunco';
  const [cmd, argv] = cli.endsWith('.js') ? [process.execPath, [cli, ...args]] : [cli, args];
  const r = spawnSync(cmd, argv, { env, cwd: env.SUNCO_WORKDIR || process.cwd(), encoding: 'utf8', stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`cannot run ${cli}: ${r.error.message}`);
  return { code: r.status ?? 1, stdout: r.stdout ?? '' };
}

function configArgs(env) {
  const args = [];
  if (env.SUNCO_CONFIG) args.push('--file', env.SUNCO_CONFIG);
  for (const f of (env.SUNCO_VAR_FILES || '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean)) args.push('--var-file', f);
  return args;
}

function output(env, name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else process.stdout.write(`${name}=${value}\n`);
}

/** The pull request this run belongs to, from the event payload; undefined on a push or a schedule. */
function pullRequestNumber(env) {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  return event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
}

function runUrl(env) {
  if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

function markdown(env, planFile, environment, extra) {
  const r = sunco(env, ['show', planFile, '--format', 'markdown', '--environment', environment, ...extra], { capture: true });
  if (r.code !== 0) throw new Error(`sunco show ${planFile} failed`);
  return r.stdout;
}

async function plan(env, environment, planFile) {
  // --detailed-exitcode: 0 no changes, 2 changes, 1 error (message on stderr already).
  const r = sunco(env, ['plan', ...configArgs(env), '--out', planFile, '--detailed-exitcode']);
  if (r.code === 1 || (r.code !== 0 && r.code !== 2)) return 1;
  output(env, 'has-changes', String(r.code === 2));
  output(env, 'plan-file', planFile);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown(env, planFile, environment, ['--max-length', String(SUMMARY_LIMIT)]));
  const issue = pullRequestNumber(env);
  if (env.SUNCO_COMMENT === 'true' && issue !== undefined) {
    const url = runUrl(env);
    const body = markdown(env, planFile, environment, url ? ['--full-plan-at', `the job summary of ${url}`] : []);
    const call = githubClient({ apiUrl: env.GITHUB_API_URL, token: env.GITHUB_TOKEN });
    const marker = body.split('\n')[0];
    const done = await upsertComment(call, { repo: env.GITHUB_REPOSITORY, issue, marker, body });
    process.stderr.write(`sunco: ${done.action} the ${environment} plan comment on #${issue} (comment ${done.id}).\n`);
  }
  return 0;
}

/** Apply a saved plan: sunco-apply refuses it (exit 1) when the config or live state changed since. */
function apply(env, environment, planFile) {
  const shown = sunco(env, ['show', planFile, '--format', 'json', '--detailed-exitcode'], { capture: true });
  if (shown.code === 1) return 1;
  output(env, 'has-changes', String(shown.code === 2));
  output(env, 'plan-file', planFile);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown(env, planFile, environment, ['--max-length', String(SUMMARY_LIMIT)]));
  const args = ['apply', planFile, ...configArgs(env), '--yes'];
  if (env.SUNCO_SECRETS_OUT) args.push('--secrets-out', env.SUNCO_SECRETS_OUT);
  return sunco(env, args).code === 0 ? 0 : 1;
}

export async function main(env = process.env) {
  const command = env.SUNCO_COMMAND || 'plan';
  const environment = env.SUNCO_ENVIRONMENT || 'default';
  const planFile = resolve(env.SUNCO_WORKDIR || process.cwd(), env.SUNCO_PLAN_FILE || `sunco-plan-${environment}.json`);
  if (command === 'plan') return plan(env, environment, planFile);
  if (command === 'apply') return apply(env, environment, planFile);
  process.stderr.write(`sunco action: command must be plan or apply, not "${command}".\n`);
  return 1;
}

// pathToFileURL, not `file://${argv[1]}`: the URL %-encodes a space or an é in the action's
// path, and a string compare then ran nothing and exited 0. realpath: Node runs the main
// module from its real path, and argv[1] may go through a symlink.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main().then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`sunco action: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
