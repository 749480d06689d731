/** Reads and writes plan files (`sunco-plan --out FILE`, `sunco-apply FILE`); the format is plan/plan-file.ts's. */
import { constants } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { parsePlan, planText } from '../plan/plan-file.js';
import type { Plan, PlanInputs } from '../plan/types.js';
import type { ConfigArgs } from '../config/options.js';
import type { InputDigests } from '../config/types.js';
import { readBounded } from '../config/read-files.js';
import { secretMask } from '../secret-mask.js';

/** dev:ino of the file, so a symlink, a hard link or another spelling of one path are the same file; undefined when it does not exist. */
async function identity(file: string): Promise<string | undefined> {
  const st = await stat(file).catch(() => undefined);
  return st ? `${st.dev}:${st.ino}` : undefined;
}

/**
 * `--out` must not replace an input of the run: the config, a var file or the secrets file
 * (a typo in a CI script would otherwise destroy it). `inputs` are absolute paths. Nor any
 * other existing file that is not a plan file (a secrets file not named in this run, a
 * README): only a plan file is replaced.
 */
export async function refuseInputs(file: string, inputs: readonly { path: string; what: string }[], shown = file): Promise<void> {
  const target = await identity(file);
  if (target === undefined) return;
  for (const input of inputs) {
    if ((await identity(input.path)) === target) throw new UserError(`--out ${shown} is ${input.what}: refusing to overwrite it; give the plan file another name`);
  }
  if (!(await looksLikePlan(file))) {
    throw new UserError(`--out ${shown} exists and is not a sunco plan file: refusing to overwrite it; give the plan file another name`);
  }
}

/** Any plan file, of this sunco or another version: a JSON object with a formatVersion and steps. */
async function looksLikePlan(file: string): Promise<boolean> {
  try {
    const data: unknown = JSON.parse((await readBounded(file, MAX_PLAN_BYTES)).toString('utf8'));
    return typeof data === 'object' && data !== null && typeof (data as Plan).formatVersion === 'number' && Array.isArray((data as Plan).steps);
  } catch {
    return false;
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
    const code = (e as NodeJS.ErrnoException).code;
    // The temp file's name says nothing to the user: the error is about the plan file's directory.
    const why = code === 'ENOENT' ? `the directory ${dirname(file)} does not exist` : code === 'EACCES' || code === 'EPERM' ? `permission denied in ${dirname(file)}` : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new UserError(`Cannot write the plan file ${file}: ${why}`, { cause: e });
  }
}

/** No plan is this big (300 apps make a few MB): a bigger file is refused unread. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;

/**
 * `shown`: the path as the user gave it, for messages. `regularOnly` (sunco-apply): a pipe or
 * a device is refused before it is read: reading a FIFO nobody writes to waits forever, and
 * the config paths a plan records are relative to the directory of the file sunco-plan wrote
 * (for /dev/stdin that is /dev). `sunco show` reads a pipe, as cat does.
 */
export async function loadPlan(file: string, shown = file, opts: { regularOnly?: boolean } = {}): Promise<Plan> {
  if (shown === '') throw new UserError('Missing PLANFILE: give the path of a plan file written by sunco-plan --out.');
  const st = opts.regularOnly ? await stat(file).catch(() => undefined) : undefined;
  if (st && !st.isFile() && !st.isDirectory()) {
    throw new UserError(`Cannot read the plan file ${shown}: it is not a regular file (a pipe, a device or a socket); give sunco-apply the file sunco-plan --out wrote`);
  }
  let text: string;
  try {
    text = (await readBounded(file, MAX_PLAN_BYTES)).toString('utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ? code : `it is over ${MAX_PLAN_BYTES} bytes, larger than any plan`;
    throw new UserError(`Cannot read the plan file ${shown}: ${why}`, { cause: e });
  }
  return parsePlan(text, shown);
}

/** A path as a plan file at `file` records it: relative to its directory when that is shorter to read, else absolute. */
function fromPlanDir(file: string, abs: string): string {
  const rel = relative(dirname(file), abs);
  return rel === '' ? '.' : isAbsolute(rel) ? abs : rel;
}

/** What a plan file saved at `file` records of a run's config flags (paths and digests only: --var values are never saved). */
export function planInputs(file: string, args: ConfigArgs, cwd: string, digests: InputDigests): PlanInputs {
  return {
    config: fromPlanDir(file, resolve(cwd, args.file ?? 'sunco.yaml')),
    varFiles: (args.varFile ?? []).map((v) => fromPlanDir(file, resolve(cwd, v))),
    digests,
  };
}

/**
 * The config flags for `sunco-apply PLANFILE`: -f and --var-file as given, else the plan
 * file's recorded ones (resolved against its directory), so that the plan applies from any
 * directory with nothing else given. --var is never recorded; it is passed through.
 * `check` goes to loadConfig: a recorded file is parsed only when its text is the one the plan
 * was made from, so an edited path (/proc/self/environ, /etc/passwd) is refused unshown.
 */
export function configArgsFor(args: ConfigArgs, plan: Plan, file: string, shown = file): { args: ConfigArgs; check?: (digests: InputDigests) => void } {
  const inputs = plan.inputs;
  if (!inputs) return { args };
  const dir = dirname(file);
  const ownConfig = args.file === undefined;
  const ownVarFiles = !args.varFile?.length;
  const refuse = (what: string): never => {
    throw new UserError(`the plan file ${shown} records ${what}, which does not hold the text the plan was made from; nothing was read or applied. Make a new plan with sunco-plan --out.`);
  };
  return {
    args: {
      ...args,
      file: ownConfig ? resolve(dir, inputs.config) : args.file,
      varFile: ownVarFiles ? inputs.varFiles.map((v) => resolve(dir, v)) : args.varFile,
    },
    check: (digests) => {
      if (ownConfig && digests.config !== inputs.digests.config) refuse(`the config ${inputs.config}`);
      if (ownVarFiles) {
        for (const [i, v] of inputs.varFiles.entries()) if (digests.varFiles[i] !== inputs.digests.varFiles[i]) refuse(`the --var-file ${v}`);
      }
    },
  };
}
