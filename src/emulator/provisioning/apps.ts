/** Apps: spec paths /v2/apps and /v2/apps/{appId} (CreateApp, ListApps, GetApp, UpdateApp, DeleteApp). */
import { KIND_FIELDS } from '../../resources/fields.js';
import { METADATA_LIMIT_BYTES, metadataBytes } from '../../resources/metadata.js';
import { newId } from '../ids.js';
import { paginate } from '../paginate.js';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { appRecord, linkBase, objectBody } from './lookup.js';
import type { AppRecord } from './state.js';
import { validateRequest } from './validate.js';


const SETTINGS = new Set(KIND_FIELDS.appSettings.map((f) => f.name));

/** Only the settings components.schemas.appSettings defines are kept; others are ignored. */
function knownSettings(settings: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries((settings as Record<string, unknown> | undefined) ?? {}).filter(([k]) => SETTINGS.has(k)));
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

/** One-way settings (the field table's `irreversible` rows, e.g. spec appSettings.multiConvoEnabled): once true, never false. */
function checkIrreversible(app: AppRecord, settings: unknown): void {
  if (settings === null || typeof settings !== 'object') return;
  for (const row of KIND_FIELDS.appSettings) {
    const rule = 'irreversible' in row ? row.irreversible : undefined;
    if (rule === undefined || app.settings[row.name] !== true) continue;
    const next = (settings as Record<string, unknown>)[row.name];
    if (next !== undefined && next !== true) throw new HttpError(400, 'bad_request', `${row.name} cannot be disabled once enabled: ${rule.replace(/\*\*/g, '')}`);
  }
}

export function appRoutes(store: EmulatorStore): Route[] {
  const apps = () => store.state.provisioning.apps;
  return [
    {
      method: 'GET',
      pattern: '/v2/apps',
      scopes: ['account'],
      // filter[serviceAccountId] is accepted and ignored: the emulator has no service accounts.
      handler: (req) => {
        const page = paginate(apps(), req.query, linkBase(req.baseUrl, req.path, req.query));
        return { status: 200, body: { apps: page.items.map(renderApp), meta: page.meta, links: page.links } };
      },
    },
    {
      method: 'POST',
      pattern: '/v2/apps',
      scopes: ['account'],
      mutates: true,
      handler: (req) => {
        const body = objectBody(req.body);
        validateRequest('CreateApp', body);
        const app: AppRecord = {
          id: newId(),
          displayName: body.displayName as string,
          settings: knownSettings(body.settings),
          metadata: checkMetadata(body.metadata),
          keys: [],
          integrations: [],
        };
        apps().push(app);
        store.touch();
        return { status: 201, body: { app: renderApp(app) } };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/apps/:appId',
      scopes: ['account', 'app'],
      handler: (req) => ({ status: 200, body: { app: renderApp(appRecord(store, req.params.appId ?? '')) } }),
    },
    {
      method: 'PATCH',
      pattern: '/v2/apps/:appId',
      scopes: ['account', 'app'],
      mutates: true,
      handler: (req) => {
        const app = appRecord(store, req.params.appId ?? '');
        const body = objectBody(req.body);
        validateRequest('UpdateApp', body);
        // The spec's appUpdateBody says nothing on merging. Decision shared with the planner:
        // `settings` is merged field by field; `metadata` is replaced wholesale, null clears it.
        const metadata = 'metadata' in body ? checkMetadata(body.metadata) : app.metadata;
        checkIrreversible(app, body.settings);
        if (typeof body.displayName === 'string') app.displayName = body.displayName;
        if (body.settings) app.settings = { ...app.settings, ...knownSettings(body.settings) };
        app.metadata = metadata;
        store.touch();
        return { status: 200, body: { app: renderApp(app) } };
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/apps/:appId',
      scopes: ['account'],
      mutates: true,
      handler: (req) => {
        const app = appRecord(store, req.params.appId ?? '');
        // DeleteApp: "Removes the specified app, including all its enabled integrations";
        // its keys, switchboard and conversations (operations state) go with it.
        store.state.provisioning.apps = apps().filter((a) => a !== app);
        delete store.state.operations.apps[app.id];
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
