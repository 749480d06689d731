/**
 * What must never appear as a value in a plan (DESIGN.md "Plans", "Write-only values"):
 * write-only fields and every `address#field` whose value came from a variable
 * (LoadedConfig.sensitive). Step bodies carry `{"$secret": "address#field"}` instead; the
 * applier resolves it from the config at apply time.
 */
import { fieldKey } from '../config/address.js';
import type { LoadedConfig } from '../config/types.js';
import type { Raw } from '../resources/types.js';
import { isPlainObject, isRef } from '../resources/values.js';

export class Sensitivity {
  /**
   * Every `address#field` that strictly encloses a sensitive key (`a#x` and `a#x.y` for
   * `a#x.y.z`): containsVariable is then one lookup, where a scan of every sensitive key per
   * call cost +1.25 s on a 1,000-app diff (issue 18).
   */
  private readonly enclosing = new Set<string>();
  /** The sensitive field paths of each address, sorted (one scan, not one per address). */
  private readonly byAddress = new Map<string, string[]>();

  constructor(private readonly loaded: LoadedConfig) {
    for (const key of loaded.sensitive) {
      const hash = key.indexOf('#');
      const address = key.slice(0, hash);
      const list = this.byAddress.get(address) ?? [];
      list.push(key.slice(hash + 1));
      this.byAddress.set(address, list);
      for (let dot = key.indexOf('.', hash); dot !== -1; dot = key.indexOf('.', dot + 1)) this.enclosing.add(key.slice(0, dot));
    }
  }

  /** The field (dotted) or any field it sits in came from a variable. */
  fromVariable(address: string, field: string): boolean {
    const key = fieldKey(address, field);
    if (this.loaded.sensitive.has(key)) return true;
    const hash = address.length;
    for (let dot = key.indexOf('.', hash); dot !== -1; dot = key.indexOf('.', dot + 1)) if (this.loaded.sensitive.has(key.slice(0, dot))) return true;
    return false;
  }

  /** Some part of the value under this field came from a variable. */
  containsVariable(address: string, field: string): boolean {
    return this.fromVariable(address, field) || this.enclosing.has(fieldKey(address, field));
  }

  /** The keys of the entry's metadata whose values came from variables declared sensitive, sorted. */
  metadataKeys(address: string): string[] {
    return this.fieldPaths(address).filter((p) => p.startsWith('metadata.')).map((p) => p.slice('metadata.'.length));
  }

  /** The entry's field paths (config names, dotted) whose values came from variables declared sensitive, sorted. */
  fieldPaths(address: string): string[] {
    return [...(this.byAddress.get(address) ?? [])].sort();
  }

  /** The value to put in a step body: `$secret` placeholders where a value is sensitive. */
  bodyValue(address: string, field: string, value: unknown, writeOnly = false): unknown {
    if (writeOnly || this.fromVariable(address, field)) return { $secret: fieldKey(address, field) };
    if (isPlainObject(value) && !isRef(value) && this.containsVariable(address, field)) {
      const out: Raw = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.bodyValue(address, `${field}.${k}`, v);
      return out;
    }
    if (Array.isArray(value) && this.containsVariable(address, field)) return { $secret: fieldKey(address, field) };
    return value;
  }
}
