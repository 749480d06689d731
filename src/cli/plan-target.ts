/**
 * Which account a plan file belongs to, and the command that applies it. A plan records the
 * API and the key id it was read with (never a secret): a plan of creates only has no live id
 * that would make it stale elsewhere, so without this it would apply to any account the
 * apply job happens to point at. The hint printed after `--out` is a command that works as
 * written: it repeats the connection flags given, and names what cannot be saved.
 */
import { addressesWithSecrets } from '../apply/preflight.js';
import type { ConfigArgs } from '../config/options.js';
import { UserError } from '../errors.js';
import type { Plan, PlanTarget } from '../plan/types.js';
import { CONNECTION_FIELDS, type ConnectionArgs } from './connection-options.js';
import type { Connection } from './connect.js';

const EMULATOR = 'in-process emulator';

export function planTarget(conn: Connection, emulator: boolean | undefined): PlanTarget {
  return { api: emulator ? EMULATOR : conn.client.baseUrl, ...(conn.keyId !== undefined ? { keyId: conn.keyId } : {}) };
}

function describe(t: PlanTarget): string {
  return `${t.api}${t.keyId ? ` with key ${t.keyId}` : ''}`;
}

/** Refuses a saved plan whose recorded target is not this run's (before anything is read from the API). */
export function checkTarget(saved: Plan, now: PlanTarget, shown: string): void {
  const was = saved.target;
  if (!was) return;
  // A fresh in-process emulator is empty each time: a plan made against one applies to none.
  if (was.api === EMULATOR || was.api !== now.api || (was.keyId ?? '') !== (now.keyId ?? '')) {
    throw new UserError(
      `the plan file ${shown} was made against ${describe(was)}, and this run uses ${describe(now)}; nothing was applied. Make a new plan against this account with sunco-plan --out.`,
    );
  }
}

/** Single-quoted for a POSIX shell when it needs quoting. */
function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The connection settings a flag gave, repeated in the hint: the one list, less the secret (shown as `…`), plus the profile. */
const REPEATED = [...CONNECTION_FIELDS.filter((f) => f !== 'keySecret'), 'profile'] as const;
const flagOf = (field: string): string => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `sunco-apply FILE` and the flags it needs to apply the plan as this run made it. */
export function applyHint(shownFile: string, plan: Plan, argv: ConfigArgs & ConnectionArgs): string {
  const words = ['sunco-apply', quote(shownFile)];
  for (const key of REPEATED) {
    const v = argv[key];
    if (typeof v === 'string') words.push(flagOf(key), quote(v));
  }
  if (argv.insecure) words.push('--insecure');
  if (argv.keySecret !== undefined) words.push('--key-secret', '…');
  // A plan that creates a key or a webhook is refused without somewhere to save its secret.
  if (addressesWithSecrets(plan).length > 0) words.push('--secrets-out', 'secrets.json');
  // --var values are never saved: they must be given again (the same values).
  for (const kv of argv.var ?? []) words.push('--var', `${quote(kv.split('=')[0]!)}=…`);
  const after = (argv.var ?? []).length > 0 ? ' (with the same --var values as this plan)' : '';
  return `${words.join(' ')}${after}`;
}
