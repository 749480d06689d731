/**
 * Runs a plan that was approved and prints progress and the result (text, or the --json
 * document on stdout). A failed apply sets exit code 1 after printing its report.
 */
import type { ApiClient } from '../api/types.js';
import { getIO, useColor, type Out } from './io.js';
import type { SuncoConfig } from '../config/types.js';
import type { Plan } from '../plan/types.js';
import { progressLine } from '../render/apply-progress.js';
import { applyJson, renderApplyReport, waitsLine } from '../render/apply-report.js';
import { executePlan } from '../apply/executor.js';
import type { SecretsFile } from '../apply/secrets-file.js';
import { countApplied } from '../apply/summary.js';
import type { ApplyReport } from '../apply/types.js';
import type { WaitTally } from '../apply/waits.js';

export interface ExecuteAndReportOptions {
  plan: Plan;
  client: ApiClient;
  config: SuncoConfig;
  secrets: SecretsFile | undefined;
  secretsOut: string | undefined;
  parallelism: number;
  json: boolean;
  /** Where text goes: stdout, or stderr with --json. */
  out: Out;
  /** The client's retry waits, read when the report is printed so that they cover the whole run. */
  waits?: Pick<WaitTally, 'totals'>;
}

export async function executeAndReport(o: ExecuteAndReportOptions): Promise<ApplyReport> {
  const io = getIO();
  const color = useColor(io) && !o.json;
  let report: ApplyReport;
  if (o.plan.steps.length === 0) {
    report = { applied: [], failed: [], skipped: [], lostSecrets: [], secretsSaved: [] };
    o.out.write('No changes to apply.\n');
    const waited = waitsLine(o.waits?.totals);
    if (waited) o.out.write(`${waited}\n`);
  } else {
    const width = Math.min(60, Math.max(...o.plan.steps.map((s) => s.address.length)));
    o.out.write('\n');
    report = await executePlan({
      plan: o.plan,
      client: o.client,
      config: o.config,
      ...(o.secrets ? { secrets: o.secrets } : {}),
      parallelism: o.parallelism,
      onEvent: (e) => {
        const line = progressLine(e, width, color);
        if (line !== null) o.out.write(`${line}\n`);
      },
    });
  }
  const ctx = { counts: countApplied(o.plan, report), ...(o.secretsOut ? { secretsFile: o.secretsOut } : {}), ...(o.waits ? { waited: o.waits.totals } : {}) };
  if (o.plan.steps.length > 0) o.out.write(`\n${renderApplyReport(report, { ...ctx, color })}`);
  if (o.json) io.stdout.write(`${JSON.stringify(applyJson(report, ctx), null, 2)}\n`);
  if (report.failed.length > 0) io.exitCode = 1;
  return report;
}
