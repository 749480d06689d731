/** Reads and writes plan files (`sunco-plan --out FILE`, `sunco-apply FILE`); the format is plan/plan-file.ts's. */
import { constants } from 'node:fs';
import { open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { parsePlan, planText } from '../plan/plan-file.js';
import type { Plan, PlanInputs } from '../plan/types.js';
import type { ConfigArgs } from '../config/options.js';
import { secretMask } from '../secret-mask.js';

/** The real path, or the path itself when it does not exist yet. */
async function real(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}

/**
 * `--out` must not replace an input of the run: the config, a var file or the secrets file
 * (a typo in a CI script would otherwise destroy it). `inputs` are absolute paths.
 */
export async function refuseInputs(file: string, inputs: readonly { path: string; what: string }[], shown = file): Promise<void> {
  const target = await real(file);
  for (const input of inputs) {
    if ((await real(input.path)) === target) throw new UserError(`--out ${shown} is ${input.what}: refusing to overwrite it; give the plan file another name`);
  }
}

/**
 * Mode 0600 through an exclusive temp file then a rename: a plan names the account's apps
 * and ids, and a planted symlink cannot capture it. The text is masked through the run's
 * registry of secret values too (the plan holds `$secret` placeholders, never a secret, but a
 * value is masked wherever it would appear).
 */
export async function savePlan(file: string, plan: Plan): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${Date.now()}`);
  try {
    const fh = await open(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    try {
      await fh.writeFile(secretMask().mask(planText(plan)), 'utf8');
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
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

/** A path as a plan file at `file` records it: relative to its directory when that is shorter to read, else absolute. */
function fromPlanDir(file: string, abs: string): string {
  const rel = relative(dirname(file), abs);
  return rel === '' ? '.' : isAbsolute(rel) ? abs : rel;
}

/** What a plan file saved at `file` records of a run's config flags (paths only: --var values are never saved). */
export function planInputs(file: string, args: ConfigArgs, cwd: string): PlanInputs {
  return {
    config: fromPlanDir(file, resolve(cwd, args.file ?? 'sunco.yaml')),
    varFiles: (args.varFile ?? []).map((v) => fromPlanDir(file, resolve(cwd, v))),
  };
}

/**
 * The config flags for `sunco-apply PLANFILE`: -f and --var-file as given, else the plan
 * file's recorded ones (resolved against its directory), so that the plan applies from any
 * directory with nothing else given. --var is never recorded; it is passed through.
 */
export function configArgsFor(args: ConfigArgs, plan: Plan, file: string): ConfigArgs {
  if (!plan.inputs) return args;
  const dir = dirname(file);
  return {
    ...args,
    file: args.file ?? resolve(dir, plan.inputs.config),
    varFile: args.varFile?.length ? args.varFile : plan.inputs.varFiles.map((v) => resolve(dir, v)),
  };
}
