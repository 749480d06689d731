/** What replaces a secret in anything we print. */
export const REDACTED = '(redacted)';

/**
 * Field names whose values are secrets wherever they appear (request and response bodies):
 * key and webhook `secret`, channel tokens (`authToken`, `accessToken`, `pageAccessToken`),
 * passwords, private/API/signing keys, certificates.
 */
export const SECRET_KEY_PATTERN = /secret|token|password|privateKey|apiKey|accessKey|signingKey|certificate|authorization|consumerKey|serverKey/i;

/**
 * A deep copy of `value` with every secret-looking field's value replaced (credential names:
 * the values of plain fields are masked by value or by the apps' records, debug-log.ts). When
 * `found` is given, the string values replaced are added to it, so that an echo of them
 * elsewhere (an error title quoting the input) can be redacted by value too.
 */
export function redactValue(value: unknown, found?: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, found));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY_PATTERN.test(k) && v !== null && v !== undefined && v !== '') {
        if (found) collectStrings(v, found);
        out[k] = REDACTED;
      } else {
        out[k] = redactValue(v, found);
      }
    }
    return out;
  }
  return value;
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, into);
}

/** Replace every occurrence of each known secret value in a string. */
export function redactString(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    // Very short values would blank out ordinary text; real key secrets are long.
    if (s.length < 4) continue;
    // Also its JSON-escaped form, since bodies are logged as JSON text.
    for (const form of new Set([s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)])) out = out.split(form).join(REDACTED);
  }
  return out;
}
