// The invariants a fault-injected apply must keep (issue 8), checked on the emulator's final
// provisioning state (src/emulator/provisioning/state.ts: apps → keys, integrations → webhooks,
// keys; switchboard → integrations). Each check returns sentences naming what broke.

function dupes(label, items, keyOf) {
  const seen = new Map();
  for (const item of items) {
    const k = keyOf(item);
    seen.set(k, [...(seen.get(k) ?? []), item.id]);
  }
  return [...seen].filter(([, ids]) => ids.length > 1).map(([k, ids]) => `${label} ${k} exists ${ids.length} times (${ids.join(', ')})`);
}

/** Declared apps by name must be unique, and so must every child by its natural key (DESIGN.md "Identity"). */
export function checkDuplicates(state, declaredAppNames) {
  const apps = state.provisioning.apps;
  const out = dupes('app', apps.filter((a) => declaredAppNames.includes(a.displayName)), (a) => JSON.stringify(a.displayName));
  for (const app of apps.filter((a) => declaredAppNames.includes(a.displayName))) {
    const where = `in "${app.displayName}":`;
    out.push(...dupes(`${where} app key`, app.keys, (k) => JSON.stringify(k.displayName)));
    out.push(...dupes(`${where} integration`, app.integrations, (i) => `${i.type}/${JSON.stringify(i.displayName)}`));
    for (const integ of app.integrations) {
      out.push(...dupes(`${where} ${integ.displayName}: webhook`, integ.webhooks, (w) => w.target));
      out.push(...dupes(`${where} ${integ.displayName}: key`, integ.keys, (k) => JSON.stringify(k.displayName)));
    }
    out.push(...dupes(`${where} switchboard integration`, app.switchboard?.integrations ?? [], (s) => s.name));
  }
  return out;
}

/** Everything created before the apply outside the config (`{apps, integrations, keys}` ids) still exists. */
export function checkSurvivors(state, unmanaged) {
  const apps = state.provisioning.apps;
  const have = new Set(apps.flatMap((a) => [a.id, ...a.keys.map((k) => k.id), ...a.integrations.map((i) => i.id)]));
  return [...unmanaged.apps, ...unmanaged.integrations, ...unmanaged.keys].filter((id) => !have.has(id));
}

/**
 * Every key and webhook the apply created has its secret in the secrets file (the right one,
 * and a key's secret authenticates), unless the applier reported it lost (an adopted create
 * whose response, the only place the secret appears, was lost: RESOURCES.md, "Secrets the
 * server generates and returns once"). `lost`: ids reported lost. `api(keyId, secret)` gives a client for one key.
 */
export async function checkSecrets(state, secretsFile, lost, unmanaged, api) {
  const saved = new Map(Object.entries(secretsFile).map(([address, v]) => [v.id, { address, secret: v.secret }]));
  const out = [];
  const check = async (what, record, authPath) => {
    const entry = saved.get(record.id);
    if (!entry) {
      if (!lost.has(record.id)) out.push(`${what} ${record.id}: its secret is neither in the secrets file nor reported lost`);
      return;
    }
    if (entry.secret !== record.secret) out.push(`${what} ${record.id}: the secrets file holds a wrong secret (${entry.address})`);
    else if (authPath) {
      try {
        await api(record.id, entry.secret).get(authPath);
      } catch (err) {
        out.push(`${what} ${record.id}: its saved secret does not authenticate (${err.message})`);
      }
    }
  };
  for (const app of state.provisioning.apps) {
    if (unmanaged.apps.includes(app.id)) continue;
    for (const k of app.keys) await check(`app key "${k.displayName}"`, k, `/v2/apps/${app.id}`);
    for (const integ of app.integrations) {
      if (unmanaged.integrations.includes(integ.id)) continue;
      const base = `/v2/apps/${app.id}/integrations/${integ.id}`;
      for (const k of integ.keys) await check(`integration key "${k.displayName}"`, k, `${base}/webhooks`);
      for (const w of integ.webhooks) await check(`webhook ${w.target}`, w, undefined);
    }
  }
  return out;
}
