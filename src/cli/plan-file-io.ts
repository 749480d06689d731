/** Reads and writes plan files (`sunco-plan --out FILE`, `sunco-apply FILE`); the format is plan/plan-file.ts's. */
import { readFile, writeFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { parsePlan, planText } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';

export async function savePlan(file: string, plan: Plan): Promise<void> {
  try {
    await writeFile(file, planText(plan), { encoding: 'utf8', mode: 0o644 });
  } catch (e) {
    throw new UserError(`Cannot write the plan file ${file}: ${(e as Error).message}`, { cause: e });
  }
}

export async function loadPlan(file: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`Cannot read the plan file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, { cause: e });
  }
  return parsePlan(text, file);
}
