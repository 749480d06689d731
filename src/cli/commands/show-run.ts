/** The implementation of `sunco show`, loaded lazily by commands/show.ts. */
import { resolve } from 'node:path';
import { loadPlan } from '../plan-file-io.js';
import { hasChanges } from '../../plan/summary.js';
import { getIO } from '../io.js';
import { formatOf, renderPlan } from './plan-run.js';
import type { ShowArgs } from './show.js';

export async function runShow(argv: ShowArgs): Promise<void> {
  const io = getIO();
  const format = formatOf(argv);
  const plan = await loadPlan(resolve(io.cwd, argv.planfile), argv.planfile);
  io.stdout.write(await renderPlan(plan, format, io, argv));
  if (argv.detailedExitcode && hasChanges(plan)) io.exitCode = 2;
}
