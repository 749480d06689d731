/**
 * The registry of secret values of one run, masked by value in everything sunco prints or
 * writes (except the secrets file itself): the way CI systems mask their secrets. What is a
 * secret is decided elsewhere (docs/secrets.md "What is sensitive"): the values of write-only
 * and credential fields, of variables declared `sensitive: true`, generated key and webhook
 * secrets, the connection's own key secret. Here they are only remembered and replaced.
 *
 * A leaf module (no imports): config, api, apply and cli all register into it, and the CLI's
 * output streams and file writers mask through it.
 */

/** What a masked value reads as. */
export const MASK = '(sensitive)';

/** Shorter values are not masked: blanking every "on" or "42" in the output would hide the plan, not a secret. */
export const MIN_SECRET_LENGTH = 4;

export class SecretMask {
  private readonly forms = new Set<string>();
  /** Field names (`metadata.KEY` for a metadata key) whose every value is secret in an API body. */
  private readonly fields = new Set<string>();
  /** Longest first, so that a secret containing another is replaced whole. */
  private sorted: string[] | undefined;

  /** Remembers a secret value and the forms it is printed in (JSON-escaped, URL-encoded, each line of a multi-line value). */
  add(value: unknown): void {
    if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
    if (typeof value !== 'string') {
      if (value && typeof value === 'object') for (const v of Object.values(value)) this.add(v);
      return;
    }
    const candidates = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
    // A multi-line value (a PEM key) is printed a line at a time by code frames and diffs.
    if (/[\r\n]/.test(value)) for (const line of value.split(/\r?\n/)) candidates.push(line.trim());
    for (const c of candidates) {
      if (c.length >= MIN_SECRET_LENGTH && !this.forms.has(c)) {
        this.forms.add(c);
        this.sorted = undefined;
      }
    }
  }

  /**
   * Remembers a field whose value is secret whatever it is: one the config feeds from a
   * sensitive variable. Its live value (the one before a rotation) is not registered by
   * value, so `--debug` bodies redact the field by name: `metadata.KEY` for the metadata
   * key KEY (dots and all), else the field's own name (the last segment of its path).
   */
  addField(path: string): void {
    this.fields.add(path.startsWith('metadata.') ? path : path.slice(path.lastIndexOf('.') + 1));
  }

  /** Whether `key` (inside the object under `parent`) is a field registered by addField. */
  isSecretField(key: string, parent: string | undefined): boolean {
    return this.fields.has(parent === 'metadata' ? `metadata.${key}` : key);
  }

  get size(): number {
    return this.forms.size;
  }

  has(value: string): boolean {
    return this.forms.has(value);
  }

  /** The text with every registered value replaced by MASK. */
  mask(text: string): string {
    if (this.forms.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    this.sorted ??= [...this.forms].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of this.sorted) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }

  /**
   * The text with every registered value replaced by as many `*` as it has characters: for a
   * code frame, whose caret column must still line up and which is cut to a window around
   * that column (a cut through a value would leave a part of it that `mask` no longer knows).
   */
  maskKeepingWidth(text: string): string {
    if (this.forms.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    this.sorted ??= [...this.forms].sort((a, b) => b.length - a.length);
    let out = text;
    for (const s of this.sorted) if (out.includes(s)) out = out.split(s).join('*'.repeat(s.length));
    return out;
  }

  /** Whether any registered value occurs in the text (a leak check). */
  leaks(text: string): string[] {
    return [...this.forms].filter((s) => text.includes(s));
  }
}

let current = new SecretMask();

/** The registry of the run in progress (a new one per CLI run: see cli/run.ts). */
export function secretMask(): SecretMask {
  return current;
}

/** Starts a new run's registry and returns it. */
export function resetSecretMask(): SecretMask {
  current = new SecretMask();
  return current;
}

const TARGET = Symbol('unmasked stream');

/** An output stream whose every chunk is masked through the current registry (wrapping once). */
export function maskedWriter<T extends { write(chunk: string): unknown }>(out: T): T {
  if (unmasked(out) !== out) return out;
  const write = (chunk: string): unknown => out.write(typeof chunk === 'string' ? current.mask(chunk) : chunk);
  return new Proxy(out, {
    get(target, prop, receiver) {
      if (prop === 'write') return write;
      if (prop === TARGET) return target;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** The stream a maskedWriter writes to (itself for any other stream): `unmasked(io.stdout) === process.stdout`. */
export function unmasked<T>(out: T): T {
  return ((out as Record<symbol, unknown>)[TARGET] as T | undefined) ?? out;
}
