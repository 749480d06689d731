/* global fetch */
// The same no-change read done the naive way (issue 8, figure 3): one request at a time, as a
// script with the official client would do it: list the apps, then for each declared app GET
// it, list each child collection and GET each item, awaiting every call before the next.
// Paths are the spec's (GET /v2/apps, /v2/apps/{appId}/keys/{keyId}, …/integrations/{id}/webhooks, …).
import { performance } from 'node:perf_hooks';

export async function naiveRead({ url, keyId, secret, appNames }) {
  const auth = `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}`;
  let requests = 0;
  const get = async (path) => {
    requests++;
    const res = await fetch(`${url}${path}`, { headers: { authorization: auth, accept: 'application/json' } });
    if (!res.ok) throw new Error(`naive read: GET ${path} → ${res.status}`);
    return res.json();
  };
  // Cursor pagination (spec: page[after], meta.hasMore / meta.afterCursor), one page after another.
  const list = async (path, key) => {
    const items = [];
    let after;
    for (;;) {
      const body = await get(`${path}?page[size]=100${after ? `&page[after]=${encodeURIComponent(after)}` : ''}`);
      items.push(...(body[key] ?? []));
      if (!body.meta?.hasMore) return items;
      after = body.meta.afterCursor;
    }
  };

  const started = performance.now();
  const wanted = new Set(appNames);
  const apps = (await list('/v2/apps', 'apps')).filter((a) => wanted.has(a.displayName));
  for (const app of apps) {
    const a = `/v2/apps/${app.id}`;
    await get(a);
    for (const key of (await get(`${a}/keys`)).keys ?? []) await get(`${a}/keys/${key.id}`);
    for (const integ of await list(`${a}/integrations`, 'integrations')) {
      const i = `${a}/integrations/${integ.id}`;
      await get(i);
      if (integ.type !== 'custom') continue;
      for (const hook of (await get(`${i}/webhooks`)).webhooks ?? []) await get(`${i}/webhooks/${hook.id}`);
      for (const key of (await get(`${i}/keys`)).keys ?? []) await get(`${i}/keys/${key.id}`);
    }
    for (const board of (await get(`${a}/switchboards`)).switchboards ?? []) {
      await get(`${a}/switchboards/${board.id}/switchboardIntegrations`);
    }
  }
  return { ms: performance.now() - started, requests, apps: apps.length };
}
