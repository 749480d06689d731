/**
 * Which credentials serve which app, and what they cannot do (DESIGN.md, "Credentials and
 * connection"; RESOURCES.md "Scopes", "Who holds which key"). App-scoped keys cannot list,
 * create or delete apps, nor manage app keys: such declarations are refused before the
 * first request, all of them at once, each naming its entry.
 */
import { type KeyScope, scopeOfKeyId } from '../api/key-scope.js';

export type { KeyScope };
import type { Credentials } from '../api/types.js';
import { addressOf } from '../resources/addresses.js';
import { KINDS, ROOT_KIND } from '../resources/registry.js';
import { desiredTree, walk } from '../resources/tree.js';
import type { AppConfig, LoadedConfig } from '../config/types.js';
import { UserError } from '../errors.js';
import { where } from '../config/where.js';


/**
 * `act_`/`svc_` keys are account-scoped, `app_` keys app-scoped, `int_` keys
 * integration-scoped. Per-app credentials are taken as app-scoped unless their id says
 * otherwise; global credentials with an unknown prefix (e.g. none, for the emulator) are
 * taken as account-scoped.
 */
export function keyScope(keyId: string | undefined, perApp: boolean): KeyScope {
  return scopeOfKeyId(keyId) ?? (perApp ? 'app' : 'account');
}

export function appScope(app: AppConfig, globalKeyId: string | undefined): KeyScope {
  const creds = app.credentials as Credentials | undefined;
  return creds ? keyScope(creds.keyId, true) : keyScope(globalKeyId, false);
}

/** Throws one UserError listing every declaration the credentials cannot serve. */
export function checkScopes(loaded: LoadedConfig, globalKeyId: string | undefined): void {
  const problems: string[] = [];
  for (const [name, app] of Object.entries(loaded.config.apps)) {
    const scope = appScope(app, globalKeyId);
    const addr = addressOf(ROOT_KIND, undefined, name);
    if (scope === 'integration') {
      // RESOURCES.md "Scopes": integration keys reach users, conversations, attachments and
      // webhooks only; not even the integrations list that a plan starts from.
      problems.push(`${where(loaded, addr)}${addr}: integration-scoped credentials (int_ key) cannot read apps, integrations, keys or switchboards; use an app (app_) or account (act_, svc_) key`);
      continue;
    }
    if (scope !== 'app') continue;
    if (!app.id) problems.push(`${where(loaded, addr)}${addr}: app-scoped credentials cannot find, create or rename an app by name; pin it with \`id\``);
    if (app.absent) problems.push(`${where(loaded, addr)}${addr}: deleting an app (absent: true) needs account credentials (act_ or svc_ key)`);
    for (const node of walk(desiredTree({ apps: { [name]: app } }))) {
      const k = KINDS[node.kind];
      if (!k.accountScopeOnly) continue;
      const what = k.parent ? `${KINDS[k.parent].noun} ${k.noun}s` : `${k.noun}s`;
      problems.push(`${where(loaded, node.address)}${node.address}: ${what} can only be managed with account credentials (act_ or svc_ key)`);
    }
  }
  if (problems.length > 0) {
    throw new UserError(`The credentials cannot serve ${problems.length === 1 ? 'this declaration' : `${problems.length} declarations`} (no request was made):`, {
      details: problems.map((p) => `  - ${p}`),
    });
  }
}
