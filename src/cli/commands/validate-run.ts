/**
 * `sunco validate`: loads the config exactly as plan/apply would, with no API call.
 * Text: `OK: <n> apps, <m> resources in <files>` or every issue (exit 1).
 * --json: {"valid": bool, "errors": [...], "unsetVariables": [...]} on stdout, exit 1 when invalid.
 * Unset variables are a note (exit 0) unless --strict; plan and apply always require them.
 */
import { getIO } from '../io.js';
import { ConfigError, issuesToJson, loadConfig } from '../../config/index.js';
import { configOptionsFrom, type ConfigArgs } from '../../config/options.js';
import type { SuncoConfig } from '../../config/types.js';
import { desiredTree, walk } from '../../resources/tree.js';

export async function runValidate(args: ConfigArgs & { json?: boolean; strict?: boolean }): Promise<void> {
  const io = getIO();
  try {
    // Without --strict, a variable that is not set (a fork's pull request, an editor) is a note, not an error.
    const loaded = await loadConfig({ ...configOptionsFrom(args, io), allowUnsetVariables: !args.strict });
    const apps = Object.keys(loaded.config.apps).length;
    const unset = loaded.unsetVariables ?? [];
    if (args.json) io.stdout.write(`${JSON.stringify({ valid: true, errors: [], unsetVariables: unset }, null, 2)}\n`);
    else io.stdout.write(`OK: ${plural(apps, 'app')}, ${plural(countResources(loaded.config), 'resource')} in ${loaded.files.join(', ')}\n`);
    if (unset.length > 0 && !args.json) {
      io.stderr.write(`note: ${plural(unset.length, 'variable')} not set; values not checked (${unset.join(', ')}); --strict makes this an error\n`);
    }
  } catch (err) {
    if (!(err instanceof ConfigError) || !args.json) throw err;
    io.stdout.write(`${JSON.stringify({ valid: false, errors: issuesToJson(err.errors), unsetVariables: err.unsetVariables }, null, 2)}\n`);
    io.exitCode = 1;
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Entries below the apps, of every kind the registry knows (src/resources/tree.ts). */
export function countResources(config: SuncoConfig): number {
  let n = 0;
  for (const node of walk(desiredTree(config))) if (node.parent) n += 1;
  return n;
}
