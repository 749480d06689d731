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
  constructor(private readonly loaded: LoadedConfig) {}

  /** The field (dotted) or any field it sits in came from a variable. */
  fromVariable(address: string, field: string): boolean {
    const parts = field.split('.');
    for (let i = 1; i <= parts.length; i++) if (this.loaded.sensitive.has(fieldKey(address, parts.slice(0, i).join('.')))) return true;
    return false;
  }

  /** Some part of the value under this field came from a variable. */
  containsVariable(address: string, field: string): boolean {
    const prefix = `${fieldKey(address, field)}.`;
    if (this.fromVariable(address, field)) return true;
    for (const k of this.loaded.sensitive) if (k.startsWith(prefix)) return true;
    return false;
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
