/**
 * The `${VARIABLES}` an export writes in place of values it cannot or must not write:
 * write-only fields (never returned by GET) and credentials the API reads back. Names are
 * readable and deterministic: app, integration and field, e.g. SUPPORT_TELEGRAM_TOKEN for
 * the telegram integration's `token` in app `support`.
 */

export interface ExportVariable {
  name: string;
  /** The entry the value belongs to, e.g. app.support.integration.telegram. */
  address: string;
  /** The config field, e.g. token. */
  field: string;
  /** Why it is a variable: the API never returns it, it is a credential it reads back, or sunco applied it from a sensitive variable. */
  reason: 'write-only' | 'credential' | 'sensitive';
  /** Where its current value was saved (--secrets-out), for a credential the API reads back. */
  savedIn?: { file?: string; key: string };
}

/** `authToken` → `AUTH_TOKEN`; `my-app` → `MY_APP`. */
export function envPart(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Hands out variable names, unique within one export (a clash gets `_2`, `_3`, …). */
export class VariableNames {
  private readonly used = new Set<string>();

  take(...parts: string[]): string {
    let base = parts.map(envPart).filter(Boolean).join('_');
    // A variable name starts with a letter or `_` (config/interpolate.ts NAME).
    if (!/^[A-Z_]/.test(base)) base = `V_${base}`;
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}

export function reference(name: string): string {
  return `\${${name}}`;
}

/**
 * A dotenv template (config/dotenv.ts reads it back with --var-file): each variable on its
 * own line, empty, after a comment naming the field it stands for.
 */
export function dotenvTemplate(vars: readonly ExportVariable[], configShown: string): string {
  const lines = [
    `# Variables of ${configShown}, written by \`sunco export\`. Fill in every value, then run`,
    `#   sunco-plan -f ${configShown} --var-file <this file>`,
    '# Once it holds values, keep this file out of version control (or move the values to your secret store).',
  ];
  for (const v of vars) {
    lines.push('');
    const what = v.reason === 'write-only' ? 'write-only: the API never returns it' : v.reason === 'credential' ? 'a credential the API reads back' : 'applied from a variable declared sensitive';
    lines.push(`# ${v.address}: ${v.field} (${what})`);
    if (v.savedIn) lines.push(`#   its current value is in ${v.savedIn.file ?? 'the secrets file'} under "${v.savedIn.key}"`);
    lines.push(`${v.name}=`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The top-level `variables:` declarations of these variables (the config language's block:
 * description, default, sensitive): every one is a secret, so each is declared sensitive.
 * `app` keeps those of one app (a file of `-o DIR/`).
 */
export function variableDeclarations(vars: readonly ExportVariable[], app?: string): Record<string, { description: string; sensitive: true }> {
  const mine = app === undefined ? vars : vars.filter((v) => v.address === `app.${app}` || v.address.startsWith(`app.${app}.`));
  return Object.fromEntries(mine.map((v) => [v.name, { description: `${v.address}: ${v.field}`, sensitive: true as const }]));
}
