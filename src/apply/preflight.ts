/**
 * Checks made before the first API call: a plan that creates a resource whose secret the API
 * generates needs somewhere to save it (DESIGN.md, "Secrets the API generates").
 */
import { UserError } from '../errors.js';
import type { Plan } from '../plan/types.js';

/** Addresses whose create returns a generated secret (app keys, integration keys, webhooks...). */
export function addressesWithSecrets(plan: Plan): string[] {
  const out: string[] = [];
  for (const step of plan.steps) {
    for (const c of step.creates ?? []) if (c.secretPath !== undefined) out.push(c.address);
  }
  return out;
}

export function requireSecretsOut(plan: Plan, secretsOut: string | undefined): void {
  if (secretsOut) return;
  const addrs = addressesWithSecrets(plan);
  if (addrs.length === 0) return;
  throw new UserError(
    `this plan creates ${addrs.length === 1 ? 'a resource' : `${addrs.length} resources`} that generate a secret, ` +
      'and no --secrets-out FILE was given to save it; nothing was applied',
    {
      details: [
        ...addrs.map((a) => `  ${a}`),
        'Pass --secrets-out secrets.json (written with mode 0600; keep it out of version control).',
      ],
    },
  );
}
