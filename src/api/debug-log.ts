import { type SensitiveRecord, maskRecorded } from '../resources/sensitive-record.js';
import { MASK, secretMask } from '../secret-mask.js';
import { REDACTED, SECRET_KEY_PATTERN, redactString, redactValue } from './redact.js';

/** Longest body text shown per debug line: enough to see what happened, not a flood. */
const MAX_BODY_CHARS = 2000;

/**
 * Formats the --debug lines: one per request, one per response (or network fault), one per
 * retry wait. Everything passes through redaction: credential fields by name, every secret
 * of the run by value (the key secrets, and the secret-mask registry: the values of write-only
 * and credential fields and of sensitive variables), and by the apps' records the fields sunco
 * applied from sensitive variables (resources/sensitive-record.ts), which also hides the live
 * value a rotation replaces, unknown to this run. A field is never hidden for its name alone
 * when it is plain (every webhook target would be). Headers are never logged, so neither is
 * Authorization.
 */
export class DebugLog {
  /** The records of the apps read so far (an app is read before its objects). */
  private readonly known: SensitiveRecord = new Map();

  constructor(
    private readonly sink: ((line: string) => void) | undefined,
    private readonly secrets: () => Iterable<string>,
  ) {}

  get enabled(): boolean {
    return this.sink !== undefined;
  }

  request(method: string, url: string, attempt: number, body: string | undefined, rawType?: string): void {
    if (!this.sink) return;
    const retry = attempt > 1 ? ` (attempt ${attempt})` : '';
    const shown = rawType ? ` body=<${rawType}>` : body !== undefined ? ` body=${this.body(body)}` : '';
    this.emit(`→ ${method} ${displayUrl(url)}${retry}${shown}`);
  }

  response(method: string, url: string, status: number, ms: number, body: string, note = ''): void {
    if (!this.sink) return;
    const shown = body.trim() === '' ? '' : ` body=${this.body(body)}`;
    this.emit(`← ${status} ${method} ${displayUrl(url)} ${ms} ms${note ? ` ${note}` : ''}${shown}`);
  }

  fault(method: string, url: string, what: string, ms: number): void {
    if (!this.sink) return;
    this.emit(`✗ ${method} ${displayUrl(url)} ${what} ${ms} ms`);
  }

  wait(ms: number, reason: string): void {
    if (!this.sink) return;
    this.emit(`… waiting ${ms} ms before retrying: ${reason}`);
  }

  private emit(line: string): void {
    this.sink?.(`[debug] ${redactString(line, this.secrets())}`);
  }

  /** JSON bodies are redacted field by field; anything else is shown as a single-line snippet. */
  private body(text: string): string {
    let shown: string;
    try {
      // The fields the apps' records name: their old, live values (read back before a rotation)
      // are not in the registry by value, only the new ones are.
      shown = JSON.stringify(redactValue(maskRecorded(JSON.parse(text), this.known, () => MASK)));
    } catch {
      // A non-JSON body may still carry key=value secrets (form posts, error pages echoing input).
      shown = JSON.stringify(oneLine(text).replace(SECRET_PAIR, `$1${REDACTED}`));
    }
    // Redact by value before truncating, so a cut cannot leave half a secret behind: the key
    // secrets, and every value of the run's registry (a write-only clientEmail has no secret name).
    shown = secretMask().mask(redactString(shown, this.secrets()));
    return shown.length > MAX_BODY_CHARS ? `${shown.slice(0, MAX_BODY_CHARS)}…(${shown.length} chars)` : shown;
  }
}

const SECRET_PAIR = new RegExp(`((?:${SECRET_KEY_PATTERN.source})[\\w-]*["']?\\s*[=:]\\s*["']?)[^&"'\\s,;}]+`, 'gi');

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Query strings are easier to read with brackets unescaped (page[size] rather than page%5Bsize%5D). */
function displayUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
