/**
 * Executes one plan step: resolves its placeholders, makes its call, records the ids it
 * creates and saves the secrets it returns before reporting success.
 */
import { secretMask } from '../secret-mask.js';
import type { ApiClient } from '../api/types.js';
import { ApiError } from '../api/errors.js';
import type { SuncoConfig } from '../config/types.js';
import type { CreatedResource, Step } from '../plan/types.js';
import { parseAddress } from '../resources/addresses.js';
import { RECOVER_SECRET_HINT } from '../resources/lost-secret-hint.js';
import { findLostCreate, itemPath, mayHaveCommitted } from './adopt.js';
import { type IdTable, resolveBody, resolvePath } from './placeholders.js';
import { getPath } from './response-path.js';
import type { SavedSecret, SecretsFile } from './secrets-file.js';
import type { LostSecret } from './types.js';

export interface StepContext {
  clientFor(app: string): ApiClient;
  ids: IdTable;
  config: SuncoConfig | undefined;
  secrets: Pick<SecretsFile, 'save' | 'path'> | undefined;
  lostSecrets: LostSecret[];
  secretsSaved: string[];
  /** POST attempts for a create whose response was lost and whose object was not found. */
  maxCreateAttempts: number;
}

export interface StepOutcome {
  ids?: Record<string, string>;
  adopted?: boolean;
  alreadyGone?: boolean;
  /**
   * The save of the secrets the call returned, still in progress: the call is done (its
   * parallelism slot is free), but nothing may depend on the step until this resolves.
   */
  saved?: Promise<void>;
}

export async function runStep(step: Step, ctx: StepContext): Promise<StepOutcome> {
  const client = ctx.clientFor(step.app);
  if (step.operation === 'create') return create(step, client, ctx);
  // A DELETE acts on the live object even when a create-before-delete replace has already
  // recorded a new id under the same address.
  const preferLive = step.method === 'DELETE';
  const path = resolvePath(step.path, ctx.ids, preferLive);
  const body = step.body === undefined ? undefined : resolveBody(step.body, ctx.ids, ctx.config, preferLive);
  try {
    await client.request(step.method, path, body === undefined ? {} : { body });
    return {};
  } catch (err) {
    // Already gone counts as deleted: re-running a half-applied plan must converge.
    if (step.method === 'DELETE' && err instanceof ApiError && err.status === 404) return { alreadyGone: true };
    throw err;
  }
}

async function create(step: Step, client: ApiClient, ctx: StepContext): Promise<StepOutcome> {
  const path = resolvePath(step.path, ctx.ids);
  const body = step.body === undefined ? undefined : resolveBody(step.body, ctx.ids, ctx.config);
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await client.post<unknown>(path, body);
      return record(step, response, (p) => p, ctx, false);
    } catch (err) {
      if (!mayHaveCommitted(err) || !step.adopt) throw err;
      let item: Record<string, unknown> | undefined;
      try {
        item = await findLostCreate(step, client, ctx.ids, ctx.config);
      } catch (listErr) {
        // The POST may have been committed, and the next plan would then see the object as
        // existing and never create it again: its secret would be lost without a word.
        reportUnconfirmed(step, ctx);
        throw listErr;
      }
      if (item) return { ...record(step, item, itemPath, ctx, true), adopted: true };
      if (attempt >= ctx.maxCreateAttempts) throw err;
    }
  }
}

/** Records ids and starts saving secrets; from a create response, or from an adopted list item. */
function record(step: Step, source: unknown, pathIn: (p: string) => string, ctx: StepContext, adopted: boolean): { ids: Record<string, string>; saved?: Promise<void> } {
  const ids: Record<string, string> = {};
  const secrets: Record<string, SavedSecret> = {};
  const creates: CreatedResource[] = step.creates ?? [];
  const missing: string[] = [];
  for (const c of creates) {
    const id = getPath(source, pathIn(c.idPath));
    if (typeof id === 'string' && id !== '') {
      ids[c.address] = id;
      ctx.ids.record(c.address, id);
    } else {
      missing.push(c.address);
    }
    if (c.secretPath === undefined) continue;
    const secret = getPath(source, pathIn(c.secretPath));
    if (typeof secret === 'string' && secret !== '') {
      secretMask().add(secret);
      secrets[c.address] = typeof id === 'string' ? { id, secret } : { secret };
    } else {
      ctx.lostSecrets.push({ address: c.address, ...(typeof id === 'string' ? { id } : {}), recovery: recoveryFor(c.address, adopted) });
    }
  }
  const saved = Object.keys(secrets).length > 0 ? saveSecrets(step, secrets, ctx) : undefined;
  if (missing.length > 0 && !adopted) {
    // The step fails either way; a failed save has already reported its secrets as lost.
    saved?.catch(() => undefined);
    throw new Error(`the create response names no id for ${missing.join(', ')}; run sunco-plan to see what exists`);
  }
  return saved ? { ids, saved } : { ids };
}

function saveSecrets(step: Step, secrets: Record<string, SavedSecret>, ctx: StepContext): Promise<void> {
  const file = ctx.secrets;
  if (!file) return Promise.reject(new Error(`${step.address} returned a secret but no secrets file is open`));
  return file.save(secrets).then(
    () => {
      ctx.secretsSaved.push(...Object.keys(secrets));
    },
    (err: unknown) => {
      for (const [address, { id }] of Object.entries(secrets)) {
        ctx.lostSecrets.push({ address, ...(id ? { id } : {}), recovery: `it could not be written to ${file.path}; ${howToRecover(address)}` });
      }
      throw new Error(`created, but its secret could not be saved to ${file.path}: ${(err as Error).message}`);
    },
  );
}

/** A create whose response was lost and whose existence could not be checked: its secrets, if it exists, are lost. */
function reportUnconfirmed(step: Step, ctx: StepContext): void {
  for (const c of step.creates ?? []) {
    if (c.secretPath === undefined) continue;
    ctx.lostSecrets.push({
      address: c.address,
      recovery: `the create may have been committed, but its response was lost and listing to check failed; if sunco-plan shows it exists, ${howToRecover(c.address)}`,
    });
  }
}

function recoveryFor(address: string, adopted: boolean): string {
  const why = adopted ? 'the create response, which carried it, was lost' : 'the create response did not include it';
  return `${why}; ${howToRecover(address)}`;
}

/** The kind of the address says how its secret is made again (resources/*.ts `lostSecretHint`). */
function howToRecover(address: string): string {
  return parseAddress(address)?.kind.lostSecretHint ?? RECOVER_SECRET_HINT;
}
