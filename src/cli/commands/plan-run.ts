/**
 * The implementation of `sunco-plan`, loaded lazily by commands/plan.ts: load the config,
 * connect (or start an in-process emulator), make the plan, print it, save it, set the exit code.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { configOptionsFrom } from '../../config/options.js';
import { UserError } from '../../errors.js';
import { makePlan } from '../make-plan.js';
import { planInputs, refuseInputs, savePlan } from '../plan-file-io.js';
import { hasChanges } from '../../plan/summary.js';
import type { Plan } from '../../plan/types.js';
import { connect } from '../connect.js';
import { applyHint, planTarget } from '../plan-target.js';
import { ReadCounter } from '../live-progress.js';
import { type CliIO, getIO, useColor } from '../io.js';
import { type MarkdownArgs, markdownOptionsFrom } from '../markdown-options.js';
import { planFlagsFrom } from '../plan-options.js';
import { readSecretsEntries, secretsFileReport } from '../secrets-file-report.js';
import type { PlanCommandArgs } from './plan.js';

/**
 * The one renderer the format needs, imported on demand (issue 18: a JSON plan never loads the
 * text or markdown renderer). plan starts this import before the read, so the module loads
 * while the process waits on the API instead of after it.
 */
export async function loadRenderer(format: string, io: CliIO, md: MarkdownArgs = {}): Promise<(plan: Plan) => string> {
  if (format === 'json') {
    const { renderPlanJson } = await import('../../render/plan-json.js');
    return renderPlanJson;
  }
  if (format === 'markdown') {
    const options = markdownOptionsFrom(md);
    const { renderPlanMarkdown } = await import('../../render/plan-markdown.js');
    return (plan) => renderPlanMarkdown(plan, options);
  }
  const color = useColor(io);
  const { renderPlanText } = await import('../../render/plan-text.js');
  return (plan) => renderPlanText(plan, { color });
}

export async function renderPlan(plan: Plan, format: string, io: CliIO, md: MarkdownArgs = {}): Promise<string> {
  return (await loadRenderer(format, io, md))(plan);
}

export function formatOf(argv: { json?: boolean; format?: string }): string {
  if (argv.json && argv.format !== undefined && argv.format !== 'json') throw new UserError(`--json conflicts with --format ${argv.format}: give one of them.`);
  return argv.json ? 'json' : (argv.format ?? 'text');
}

export async function runPlanCommand(argv: PlanCommandArgs): Promise<void> {
  const io = getIO();
  const format = formatOf(argv);
  markdownOptionsFrom(argv);
  const flags = planFlagsFrom(argv);
  // `--out ""` (a variable that was not set) saved nothing and said nothing.
  if (argv.out === '') throw new UserError('--out needs a file name: give the path to save the plan to, e.g. --out plan.json.');
  // `--out=-` is not stdout (sunco-apply refuses `-` as a plan file): a file named "-" is a typo.
  if (argv.out === '-') throw new UserError('--out - is not stdout: give the path to save the plan to, e.g. --out plan.json (--format json prints the plan on stdout).');
  const loaded = await loadConfig(configOptionsFrom(argv, io));
  // Before any API read: a typo'd --out naming an input fails at once and the input stays as it was.
  if (argv.out) {
    const inputs = [
      ...loaded.files.map((f) => ({ path: resolve(io.cwd, f), what: 'a config file' })),
      ...(argv.varFile ?? []).map((f) => ({ path: resolve(io.cwd, f), what: 'a --var-file' })),
    ];
    if (argv.secretsOut) inputs.push({ path: resolve(io.cwd, argv.secretsOut), what: 'the --secrets-out file' });
    await refuseInputs(resolve(io.cwd, argv.out), inputs, argv.out);
  }
  // Read (never written) before any request, so a bad file fails at once.
  const secretsOut = argv.secretsOut;
  const saved = secretsOut === undefined ? undefined : await readSecretsEntries(resolve(io.cwd, secretsOut), secretsOut);

  const counter = new ReadCounter(io);
  const conn = await connect(argv, io, loaded, 'plan', { onProgress: counter.onProgress });
  try {
    const renderer = loadRenderer(format, io, argv);
    // Awaited after the read; a failed import must not surface as an unhandled rejection first.
    renderer.catch(() => undefined);
    counter.start();
    const { plan, live } = await makePlan({ loaded, client: conn.client, prune: flags.prune, targets: flags.targets, parallelism: flags.parallelism, keyId: conn.keyId }).finally(() => counter.stop());
    if (secretsOut !== undefined) {
      const { report, note } = secretsFileReport(plan, live, saved, secretsOut);
      plan.secretsFile = report;
      if (note) plan.notes = [...(plan.notes ?? []), note];
    }
    io.stdout.write((await renderer)(plan));
    // JSON and markdown carry the count; keep stderr quiet for them (scripts parse stdout).
    if (format === 'text') io.stderr.write(`Read the live state with ${plan.requests} API request${plan.requests === 1 ? '' : 's'}.\n`);
    if (argv.out) {
      const file = resolve(io.cwd, argv.out);
      const saved: Plan = { ...plan, inputs: planInputs(file, argv, io.cwd, loaded.inputDigests!), target: planTarget(conn, argv.emulator) };
      await savePlan(file, saved);
      // The in-process emulator is gone when this run ends: no sunco-apply can use the file (its target differs).
      const next = argv.emulator ? `It was made against the in-process emulator, which is discarded now: sunco show ${argv.out} prints it; to apply plan files, plan against sunco emulator (--api-url).` : `Apply it with: ${applyHint(argv.out, saved, argv)}`;
      io.stderr.write(`Saved the plan to ${argv.out}. ${next}\n`);
    }
    if (argv.detailedExitcode && hasChanges(plan)) io.exitCode = 2;
  } finally {
    await conn.close();
  }
}
