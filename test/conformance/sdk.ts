/**
 * The official SunCo JavaScript client (`sunshine-conversations-client`, v14), configured
 * against a running emulator, plus a recorder of every raw exchange it makes.
 *
 * How raw bodies are captured: the client runs on superagent and accepts superagent
 * plugins (`ApiClient#plugins`, applied to every request in `callApi`). Our plugin listens
 * for superagent's `response` event, which carries the status and the unparsed text before
 * the client deserializes it into model classes. So the bytes the spec is checked against
 * are exactly the bytes the client received, for successes and errors alike, without a
 * proxy and without calling the endpoints twice. (The emulator's request log keeps no bodies.)
 */
import { createRequire } from 'node:module';
import { SignJWT } from 'jose';
import { responseProblems, undocumentedProperties } from './spec-validator.js';

// The client is untyped CommonJS; its objects are model-class instances we read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

const require = createRequire(import.meta.url);
export const SunCo: Loose = require('sunshine-conversations-client');

export interface Exchange {
  method: string;
  path: string;
  query: string;
  status: number;
  contentType: string;
  /** Parsed JSON body; undefined when the body was empty. */
  body: unknown;
  /** Set when the body was not JSON. */
  unparsable?: string;
}

export type Credentials =
  | { basic: { keyId: string; secret: string } }
  | { jwt: { keyId: string; secret: string; scope: 'account' | 'app' | 'integration' } }
  /** A ready-made Bearer token (e.g. an unsigned one, to see it refused). */
  | { token: string };

export interface Sdk {
  apps: Loose;
  appKeys: Loose;
  integrations: Loose;
  integrationKeys: Loose;
  webhooks: Loose;
  switchboards: Loose;
  switchboardIntegrations: Loose;
  users: Loose;
  clients: Loose;
  devices: Loose;
  conversations: Loose;
  participants: Loose;
  messages: Loose;
  activities: Loose;
  switchboardActions: Loose;
  attachments: Loose;
  /** Every exchange made through this client, in order. */
  log: Exchange[];
}

function record(log: Exchange[]) {
  return (request: Loose) => {
    request.on('response', (res: Loose) => {
      const url = new URL(request.url as string);
      const text = typeof res.text === 'string' ? res.text : '';
      const entry: Exchange = {
        method: String(request.method).toUpperCase(),
        path: url.pathname,
        query: url.search,
        status: res.status as number,
        contentType: String(res.headers?.['content-type'] ?? ''),
        body: undefined,
      };
      if (text.length > 0) {
        try {
          entry.body = JSON.parse(text);
        } catch {
          entry.unparsable = text.slice(0, 200);
        }
      }
      log.push(entry);
    });
    return request;
  };
}

export async function jwtFor(keyId: string, secret: string, scope: string): Promise<string> {
  return new SignJWT({ scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keyId })
    .sign(new TextEncoder().encode(secret));
}

/** A client whose basePath is the emulator's bare URL: the client's paths already start with /v2. */
export async function sdkFor(baseUrl: string, creds: Credentials, log: Exchange[] = []): Promise<Sdk> {
  const client = new SunCo.ApiClient();
  client.basePath = baseUrl;
  // Only one scheme per client: the client applies both when both are set, the last winning.
  if ('basic' in creds) {
    client.authentications.basicAuth.username = creds.basic.keyId;
    client.authentications.basicAuth.password = creds.basic.secret;
  } else if ('jwt' in creds) {
    client.authentications.bearerAuth.accessToken = await jwtFor(creds.jwt.keyId, creds.jwt.secret, creds.jwt.scope);
  } else {
    client.authentications.bearerAuth.accessToken = creds.token;
  }
  client.plugins = [record(log)];
  const make = (name: string) => new SunCo[name](client);
  return {
    apps: make('AppsApi'),
    appKeys: make('AppKeysApi'),
    integrations: make('IntegrationsApi'),
    integrationKeys: make('CustomIntegrationApiKeysApi'),
    webhooks: make('WebhooksApi'),
    switchboards: make('SwitchboardsApi'),
    switchboardIntegrations: make('SwitchboardIntegrationsApi'),
    users: make('UsersApi'),
    clients: make('ClientsApi'),
    devices: make('DevicesApi'),
    conversations: make('ConversationsApi'),
    participants: make('ParticipantsApi'),
    messages: make('MessagesApi'),
    activities: make('ActivitiesApi'),
    switchboardActions: make('SwitchboardActionsApi'),
    attachments: make('AttachmentsApi'),
    log,
  };
}

/**
 * Spec problems of every exchange in `log` from index `from` on (all of them by default):
 * schema breaks, and properties the response schema does not name (allowed by the spec's
 * open schemas, but a faithful emulator answers only with what the API documents).
 */
export function logProblems(log: Exchange[], from = 0): string[] {
  return log.slice(from).flatMap((x) => {
    const where = `${x.method} ${x.path}${x.query}`;
    if (x.unparsable !== undefined) return [`${where} ${x.status}: body is not JSON: ${x.unparsable}`];
    if (x.body !== undefined && !/^application\/json/i.test(x.contentType)) {
      return [`${where} ${x.status}: content-type ${x.contentType || '(none)'}, expected application/json`];
    }
    const extras = undocumentedProperties(x.method, x.path, x.status, x.body).map((p) => `property not in the spec's response schema: ${p}`);
    return [...responseProblems(x.method, x.path, x.status, x.body), ...extras].map((p) => `${where}: ${p}`);
  });
}

export interface ClientError {
  status: number;
  body: Loose;
}

/** Runs a client call that must fail; returns the status and parsed error body the client got. */
export async function failure(call: Promise<unknown>): Promise<ClientError> {
  try {
    await call;
  } catch (err) {
    const e = err as Loose;
    if (typeof e?.status === 'number') return { status: e.status, body: e.body ?? e.response?.body };
    throw err;
  }
  throw new Error('expected the call to fail, it succeeded');
}
