/**
 * Registers the config's secret values with the run's mask (src/secret-mask.ts), so that they
 * are masked by value in every output, wherever they appear (docs/secrets.md):
 *   - values of variables declared `sensitive: true`;
 *   - values written into a field the field table marks write-only or credential;
 *   - per-app `credentials.secret`;
 *   - the value of a field that no integration type has (a misspelt `tokn: …`): it cannot be
 *     told from a secret, and its code frame would print it.
 * It reads the parsed files as they are, before validation, so that the error output of an
 * invalid config is masked too.
 */
import { INTEGRATION_FIELDS, isIntegrationType } from '../resources/fields.js';
import { isPlainObject } from '../resources/values.js';
import { secretMask } from '../secret-mask.js';

/** Field names that are secret in some integration type (for an entry whose type is unknown or misspelt). */
const SECRET_NAMES = new Set(Object.values(INTEGRATION_FIELDS).flatMap((rows) => rows.filter((r) => r.writeOnly || r.credential).map((r) => r.name)));

/** Every field name of some integration type, plus the entry fields (an unknown one is masked). */
const KNOWN_NAMES = new Set([...Object.values(INTEGRATION_FIELDS).flatMap((rows) => rows.map((r) => r.name)), 'type', 'id', 'protect', 'ignoreChanges', 'keys', 'webhooks', 'defaultResponder']);

export function registerConfigSecrets(values: readonly unknown[], vars: ReadonlyMap<string, string>, sensitive: ReadonlySet<string>): void {
  const mask = secretMask();
  for (const name of sensitive) if (vars.has(name)) mask.add(vars.get(name));
  for (const value of values) {
    if (!isPlainObject(value) || !isPlainObject(value.apps)) continue;
    for (const app of Object.values(value.apps)) {
      if (!isPlainObject(app)) continue;
      if (isPlainObject(app.credentials)) mask.add(app.credentials.secret);
      if (!isPlainObject(app.integrations)) continue;
      for (const entry of Object.values(app.integrations)) if (isPlainObject(entry)) registerIntegration(entry);
    }
  }
}

function registerIntegration(entry: Record<string, unknown>): void {
  const mask = secretMask();
  const rows = isIntegrationType(entry.type) ? INTEGRATION_FIELDS[entry.type] : undefined;
  for (const [field, v] of Object.entries(entry)) {
    const row = rows?.find((r) => r.name === field);
    if (row ? row.writeOnly || row.credential : SECRET_NAMES.has(field) || !KNOWN_NAMES.has(field)) mask.add(v);
  }
}
