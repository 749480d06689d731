/** Apps: spec paths /v2/apps and /v2/apps/{appId} (CreateApp, ListApps, GetApp, UpdateApp, DeleteApp). */
import { METADATA_LIMIT_BYTES, metadataBytes } from '../../resources/metadata.js';
import { newId } from '../ids.js';
import { schemaPropertyNames } from '../spec-fields.js';
import { KIND_FIELDS } from '../../resources/fields.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { crudRoutes } from './crud.js';
import { checkSettingsProse } from './prose-rules.js';
import { appRecord } from './lookup.js';
import type { AppRecord } from './state.js';

/** Only the settings components.schemas.appSettings defines are kept; others are ignored. */
function knownSettings(settings: unknown): Record<string, unknown> {
  const known = schemaPropertyNames('appSettings');
  return Object.fromEntries(Object.entries((settings as Record<string, unknown> | undefined) ?? {}).filter(([k]) => known.includes(k)));
}

export function renderApp(app: AppRecord): Record<string, unknown> {
  return { id: app.id, displayName: app.displayName, settings: { ...app.settings }, metadata: app.metadata ? { ...app.metadata } : null };
}

/** components.schemas.metadata: a flat object of strings, numbers and booleans, at most 4 KB. */
function checkMetadata(metadata: unknown): AppRecord['metadata'] {
  if (metadata === null || metadata === undefined) return null;
  for (const [k, v] of Object.entries(metadata as Record<string, unknown>)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) {
      throw new HttpError(400, 'bad_request', `metadata.${k} should be a string, number or boolean`);
    }
  }
  if (metadataBytes(metadata) > METADATA_LIMIT_BYTES) {
    throw new HttpError(400, 'bad_request', 'App metadata is limited to 4096 bytes in size.');
  }
  return { ...(metadata as Record<string, string | number | boolean>) };
}

/**
 * One-way settings: once true, an appSettings boolean the spec calls irreversible
 * (multiConvoEnabled: "Enabling `multiConvo` is **irreversible**.") cannot be set back to
 * false. The project's spec/openapi.json keeps no descriptions, so the rule is read from the
 * field table's `irreversible` rows, which quote the official spec's words.
 */
function oneWaySettings(): [string, string][] {
  return KIND_FIELDS.appSettings.flatMap((row) => ('irreversible' in row && row.irreversible ? [[row.name, row.irreversible.replace(/\*\*/g, '')] as [string, string]] : []));
}

function checkIrreversible(app: AppRecord, settings: unknown): void {
  if (settings === null || typeof settings !== 'object') return;
  for (const [name, rule] of oneWaySettings()) {
    const next = (settings as Record<string, unknown>)[name];
    if (app.settings[name] === true && next !== undefined && next !== true) throw new HttpError(400, 'bad_request', `${name} cannot be disabled once enabled: ${rule}`);
  }
}

export function appRoutes(store: EmulatorStore): Route[] {
  return crudRoutes(store, {
    path: '/v2/apps',
    idParam: 'appId',
    scopes: ['account'],
    // An app key may read and update its own app, not list, create or delete apps.
    verbScopes: { get: ['account', 'app'], update: ['account', 'app'] },
    one: 'app',
    many: 'apps',
    parent: () => store.state.provisioning,
    items: (prov) => prov.apps,
    find: (_, id) => appRecord(store, id),
    render: renderApp,
    // filter[serviceAccountId] is accepted and ignored: the emulator has no service accounts.
    paginated: true,
    create: {
      operationId: 'CreateApp',
      make: (_, body) => ({
        id: newId(),
        displayName: body.displayName as string,
        settings: checkSettingsProse(knownSettings(body.settings)),
        metadata: checkMetadata(body.metadata),
        keys: [],
        integrations: [],
      }),
    },
    update: {
      operationId: 'UpdateApp',
      apply: (_, app, body) => {
        // The spec's appUpdateBody says nothing on merging. Decision shared with the planner:
        // `settings` is merged field by field; `metadata` is replaced wholesale, null clears it.
        const metadata = 'metadata' in body ? checkMetadata(body.metadata) : app.metadata;
        checkIrreversible(app, body.settings);
        checkSettingsProse({ ...app.settings, ...knownSettings(body.settings) });
        if (typeof body.displayName === 'string') app.displayName = body.displayName;
        if (body.settings) app.settings = { ...app.settings, ...knownSettings(body.settings) };
        app.metadata = metadata;
      },
    },
    remove: (_, app) => {
      // DeleteApp: "Removes the specified app, including all its enabled integrations";
      // its keys, switchboard and conversations (operations state) go with it.
      delete store.state.operations.apps[app.id];
    },
  });
}
