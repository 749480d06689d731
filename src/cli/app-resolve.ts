/**
 * `--app`: an app id, or an app's displayName, or env SUNCO_APP_ID. A name costs one list
 * call (GET /v2/apps, all pages); an id-looking value (24 hex, like every SunCo id) none.
 * App-scoped keys cannot list apps (RESOURCES.md "Who holds which key"), so with them the
 * app must be given by id; the error says so.
 */
import { ApiError } from '../api/errors.js';
import type { ApiClient } from '../api/types.js';
import { UserError } from '../errors.js';

const ID = /^[0-9a-f]{24}$/i;

export function looksLikeId(value: string): boolean {
  return ID.test(value);
}

export function appArgument(app: string | undefined, env: NodeJS.ProcessEnv): string {
  const value = (app ?? env.SUNCO_APP_ID ?? '').trim();
  if (!value) throw new UserError('No app given: pass --app ID|NAME or set SUNCO_APP_ID.');
  return value;
}

export async function resolveAppId(client: ApiClient, app: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const value = appArgument(app, env);
  if (looksLikeId(value)) return value;
  let apps: { id: string; displayName?: string }[];
  try {
    apps = await client.listAll<{ id: string; displayName?: string }>('/v2/apps', 'apps');
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      throw new UserError(
        `Cannot find app "${value}" by name: listing apps needs an account key (${err.status} ${err.code}). With an app-scoped key, pass the app id: --app <24-hex id>.`,
      );
    }
    throw err;
  }
  const matches = apps.filter((a) => a.displayName === value);
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length === 0) throw new UserError(`No app named "${value}" (${apps.length} apps listed). Pass --app with an app id or an exact displayName.`);
  throw new UserError(`App name "${value}" is ambiguous: ${matches.map((a) => a.id).join(', ')}. Pass --app with one of these ids.`);
}
