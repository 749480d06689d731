/**
 * Validates one parsed file against schema/sunco.schema.json. ajv is imported and the
 * schema compiled lazily, once per process, on the first validation: `sunco --version`
 * never pays for it.
 */
import { readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { fromPointer, getAt, setAt } from './pointer.js';
import type { ParsedFile } from './parse-yaml.js';

let compiled: ValidateFunction | undefined;

/** Loaded from the package (two folders above this file in both src/ and dist/). */
export function loadSchemaJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../../schema/sunco.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

async function validator(): Promise<ValidateFunction> {
  if (compiled) return compiled;
  const { Ajv } = await import('ajv');
  // verbose: keeps parentSchema on errors, which the did-you-mean hints read.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  // Webhook targets: an absolute http(s) URL (the API POSTs to it). Avoids ajv-formats' full set.
  ajv.addFormat('uri', (s: string) => {
    try {
      return ['http:', 'https:'].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  });
  compiled = ajv.compile(loadSchemaJson());
  return compiled;
}

const COERCE: Record<string, (s: string) => unknown> = {
  boolean: (s) => (s === 'true' ? true : s === 'false' ? false : undefined),
  integer: (s) => (/^-?\d+$/.test(s) ? Number(s) : undefined),
  number: (s) => (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) ? Number(s) : undefined),
};

/**
 * Errors of one file. A value that was exactly one `${VAR}` is a string; where the schema
 * wants a boolean/integer/number it is coerced ("true"/"false", digits) and validated again.
 */
export async function validateSchema(file: ParsedFile): Promise<ErrorObject[]> {
  const validate = await validator();
  for (let round = 0; round < 3; round++) {
    if (validate(file.value)) return [];
    const errors = validate.errors ?? [];
    let coerced = false;
    for (const e of errors) {
      if (e.keyword !== 'type' || !file.wholeVariable.has(e.instancePath)) continue;
      const segments = fromPointer(e.instancePath);
      const v = getAt(file.value, segments);
      if (typeof v !== 'string') continue;
      const wanted = ([] as string[]).concat((e.params as { type: string | string[] }).type);
      for (const t of wanted) {
        const c = COERCE[t]?.(v);
        if (c !== undefined) {
          setAt(file.value, segments, c);
          coerced = true;
          break;
        }
      }
    }
    if (!coerced) return errors;
  }
  return validate(file.value) ? [] : (validate.errors ?? []);
}
