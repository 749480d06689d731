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

/** A character of a name (resources, fields): a public name stands whole only between others. */
const WORD = /[\w-]/;

export class SecretMask {
  private readonly forms = new Set<string>();
  /** Public names (addNames) and, per form, the ones that contain it. */
  private readonly names = new Set<string>();
  private readonly guards = new Map<string, string[]>();
  /** Longest first, so that a secret containing another is replaced whole. */
  private sorted: string[] | undefined;
  /** The forms by their first character, for heldTail. */
  private byFirst: Map<string, string[]> | undefined;
  private longest = 0;

  /** Remembers a secret value and the forms it is printed in (JSON-escaped, URL-encoded, each line of a multi-line value). */
  add(value: unknown): void {
    if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
    if (typeof value !== 'string') {
      if (value && typeof value === 'object') for (const v of Object.values(value)) this.add(v);
      return;
    }
    // base64 too (standard and URL-safe, padded or not): an API or a proxy may echo a value encoded.
    const b64 = Buffer.from(value, 'utf8').toString('base64');
    const candidates = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), b64, b64.replace(/=+$/, ''), Buffer.from(value, 'utf8').toString('base64url')];
    // A multi-line value (a PEM key) is printed a line at a time by code frames and diffs.
    if (/[\r\n]/.test(value)) for (const line of value.split(/\r?\n/)) candidates.push(line.trim());
    for (const c of candidates) {
      if (c.length >= MIN_SECRET_LENGTH && !this.forms.has(c)) {
        this.forms.add(c);
        this.sorted = undefined;
        this.byFirst = undefined;
        this.longest = Math.max(this.longest, c.length);
      }
    }
  }

  /**
   * Remembers names that are public because the config writes them: its addresses, resource
   * names, field names and metadata keys. A secret equal to one of them (a token "support"
   * beside an app named support) is still masked wherever it stands alone, but not where it
   * stands as that name: inside one of these addresses or names, or as a key (`name:` in text,
   * `"name":` in JSON). Masking those would destroy the output (`app.(sensitive)`, a JSON
   * document whose keys read "(sensitive)") and hide nothing the config does not show.
   */
  addNames(names: Iterable<string>): void {
    for (const n of names) if (n.length >= MIN_SECRET_LENGTH) this.names.add(n);
    this.guards.clear();
  }

  /** The public names containing `form` (itself included), cached; usually none. */
  private guardsOf(form: string): string[] {
    let g = this.guards.get(form);
    if (!g) {
      g = [...this.names].filter((n) => n.includes(form));
      this.guards.set(form, g);
    }
    return g;
  }

  /** `text` with `form` replaced by `by(form)`, except where it stands as a public name (addNames). */
  private replace(text: string, form: string, by: string): string {
    const guards = this.guardsOf(form);
    if (guards.length === 0) return text.split(form).join(by);
    // Spans where a longer public name stands; the form inside one is that name, not the secret.
    const spans: [number, number][] = [];
    for (const n of guards) {
      if (n === form) continue;
      for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) {
        // Whole names only: `app.supportx` is not the address app.support.
        if (!WORD.test(text[i - 1] ?? '') && !WORD.test(text[i + n.length] ?? '')) spans.push([i, i + n.length]);
      }
    }
    const isName = guards.includes(form);
    let out = '';
    let last = 0;
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + form.length)) {
      const end = i + form.length;
      const inName = spans.some(([a, b]) => a <= i && end <= b);
      // As a key: `displayName:` in text, `"displayName":` in JSON.
      const asKey = isName && ((text.startsWith(':', end) && !WORD.test(text[i - 1] ?? '')) || (text[i - 1] === '"' && text.startsWith('":', end)));
      if (inName || asKey) continue;
      out += text.slice(last, i) + by;
      last = end;
    }
    return out + text.slice(last);
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
    for (const s of this.sorted) if (out.includes(s)) out = this.replace(out, s, MASK);
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
    for (const s of this.sorted) if (out.includes(s)) out = this.replace(out, s, '*'.repeat(s.length));
    return out;
  }

  /**
   * Where to cut `text` so that what follows the cut may still become a secret: the end that
   * begins a registered form without being all of it is held back until the next write shows
   * whether the secret follows (a secret split across two writes is masked too). The cut never
   * falls inside a whole form. Usually `text.length`: nothing is held.
   */
  safeCut(text: string): number {
    if (this.forms.size === 0) return text.length;
    if (!this.byFirst) {
      this.byFirst = new Map();
      for (const f of this.forms) this.byFirst.set(f[0]!, [...(this.byFirst.get(f[0]!) ?? []), f]);
    }
    let cut = text.length;
    // The leftmost start that fits is the longest end to hold.
    for (let p = Math.max(0, text.length - this.longest + 1); p < text.length; p++) {
      const candidates = this.byFirst.get(text[p]!);
      if (!candidates) continue;
      const rest = text.slice(p);
      if (candidates.some((f) => f.length > rest.length && f.startsWith(rest))) {
        cut = p;
        break;
      }
    }
    if (cut === text.length) return cut;
    // A whole form across the cut would be split by it: cut before it instead.
    this.sorted ??= [...this.forms].sort((a, b) => b.length - a.length);
    for (let moved = true; moved; ) {
      moved = false;
      for (const f of this.sorted) {
        const i = text.indexOf(f, Math.max(0, cut - f.length + 1));
        if (i >= 0 && i < cut) {
          cut = i;
          moved = true;
        }
      }
    }
    return cut;
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
const FLUSH = Symbol('flush held text');

/** The flushes of the writers holding text back, run on every way out of the process. */
const holding = new Set<() => void>();

function flushAll(): void {
  for (const flush of [...holding]) flush();
}

/**
 * A signal would end the process without an 'exit' event: the text held back is written first.
 * Alone, this listener would swallow the signal, so it then hands it on to the default action;
 * beside another listener (apply's interrupt handling) that one decides what happens.
 */
function onSignal(signal: NodeJS.Signals): void {
  const alone = process.listenerCount(signal) === 1;
  flushAll();
  if (alone) {
    unwatch();
    process.kill(process.pid, signal);
  }
}
const onInt = () => onSignal('SIGINT');
const onTerm = () => onSignal('SIGTERM');
const onHup = () => onSignal('SIGHUP');
let watching = false;

function watch(): void {
  if (watching) return;
  watching = true;
  process.on('exit', flushAll);
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
}

function unwatch(): void {
  if (!watching) return;
  watching = false;
  process.off('exit', flushAll);
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  process.off('SIGHUP', onHup);
}

/**
 * An output stream whose text is masked through the current registry (wrapping once). A secret
 * may arrive split across writes, so the end of a write that could begin a secret is held back
 * until the next write (or a flush: flushMasked, the process's exit or a signal).
 */
export function maskedWriter<T extends { write(chunk: string): unknown }>(out: T): T {
  if (unmasked(out) !== out) return out;
  const real = (out as unknown) === process.stdout || (out as unknown) === process.stderr;
  let held = '';
  const flush = (): void => {
    holding.delete(flush);
    if (holding.size === 0) unwatch();
    if (held === '') return;
    // The end that begins a secret which never came whole is masked, when long enough to tell.
    const cut = current.safeCut(held);
    const end = held.slice(cut);
    const rest = current.mask(held.slice(0, cut)) + (end.length >= MIN_SECRET_LENGTH ? MASK : end);
    held = '';
    out.write(rest);
  };
  const write = (chunk: string): unknown => {
    if (typeof chunk !== 'string') {
      flush();
      return out.write(chunk);
    }
    const text = held + chunk;
    const cut = current.safeCut(text);
    held = text.slice(cut);
    if (held !== '') {
      holding.add(flush);
      if (real) watch();
    } else holding.delete(flush);
    const shown = current.mask(cut === text.length ? text : text.slice(0, cut));
    return shown === '' ? true : out.write(shown);
  };
  return new Proxy(out, {
    get(target, prop, receiver) {
      if (prop === 'write') return write;
      if (prop === TARGET) return target;
      if (prop === FLUSH) return flush;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Writes what a maskedWriter holds back (a no-op for any other stream): at the end of a run, before a prompt. */
export function flushMasked(out: unknown): void {
  const flush = (out as Record<symbol, unknown> | undefined)?.[FLUSH];
  if (typeof flush === 'function') (flush as () => void)();
}

/** The stream a maskedWriter writes to (itself for any other stream): `unmasked(io.stdout) === process.stdout`. */
export function unmasked<T>(out: T): T {
  return ((out as Record<symbol, unknown>)[TARGET] as T | undefined) ?? out;
}
