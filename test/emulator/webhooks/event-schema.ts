/**
 * Checks a delivered EventWebhooks body against the official spec (spec/openapi.json):
 * the envelope's `app` and `webhook`, and each event against the schema of its type. The
 * spec's `events` items are an anyOf of loosely typed schemas, so matching "any" of them
 * proves little: each event is checked against the one schema whose title is its type,
 * and properties that schema does not name are reported too.
 */
import { readFileSync } from 'node:fs';
import { schemaErrors, undocumentedIn } from '../../conformance/spec-validator.js';

interface Spec {
  components: { schemas: Record<string, { title?: string }> };
  'x-webhooks': Record<string, { post: { requestBody: { content: { 'application/json': { schema: { properties: { events: { items: { anyOf: { $ref: string }[] } } } } } } } } }>;
}
const spec = JSON.parse(readFileSync(new URL('../../../spec/openapi.json', import.meta.url), 'utf8')) as Spec;

/** Event type → schema name, from the titles of the schemas EventWebhooks lists. */
export const EVENT_SCHEMAS: Record<string, string> = Object.fromEntries(
  spec['x-webhooks']['Webhook Event'].post.requestBody.content['application/json'].schema.properties.events.items.anyOf.map((r) => {
    const name = r.$ref.split('/').pop() as string;
    return [spec.components.schemas[name]?.title as string, name];
  }),
);

/**
 * `extras: false` skips the undocumented-property check: the spec's own examples carry a few
 * (a message author's displayName and avatarUrl), so a sample taken from them has them too.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function webhookBodyProblems(body: any, opts: { extras?: boolean } = {}): string[] {
  const problems = [...schemaErrors('appSubSchema', body?.app), ...schemaErrors('webhookSubSchema', body?.webhook)];
  if (!Array.isArray(body?.events) || body.events.length === 0) return [...problems, 'events must be a non-empty array'];
  for (const [i, event] of (body.events as { type?: string }[]).entries()) {
    const name = EVENT_SCHEMAS[event.type ?? ''];
    if (!name) {
      problems.push(`events/${i}: no event schema for type ${String(event.type)}`);
      continue;
    }
    problems.push(...schemaErrors(name, event).map((e) => `events/${i} ${e}`));
    if (opts.extras !== false) problems.push(...undocumentedIn(name, event).map((p) => `events/${i}${p}: not in ${name}`));
    for (const k of ['id', 'type', 'createdAt', 'payload']) if (!(k in event)) problems.push(`events/${i}: ${k} is missing`);
  }
  return problems;
}
