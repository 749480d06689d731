/**
 * Validates one parsed file against schema/sunco.schema.json, with the validator that
 * scripts/gen-schema.mjs compiled ahead of time (schema/sunco.validate.cjs, see
 * schema-standalone.ts): loading it takes a few milliseconds where compiling the schema took
 * hundreds. It loads on the first validation, so `sunco --version` never pays for it.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { fromPointer, getAt, setAt } from './pointer.js';
import type { ParsedFile } from './parse-yaml.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Two folders above this file in both src/ and dist/. CommonJS: ajv's standalone code requires its runtime helpers.
  compiled ??= createRequire(import.meta.url)('../../schema/sunco.validate.cjs') as ValidateFunction;
  return compiled;
}

const COERCE: Record<string, (s: string) => unknown> = {
  boolean: (s) => (s === 'true' ? true : s === 'false' ? false : undefined),
  // As for numbers written in the file (parse-yaml.ts): an integer past 2^53 is not the one
  // given, and 1e400 is Infinity (JSON would send null). Such a value stays a string: refused.
  integer: (s) => (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : undefined),
  number: (s) => (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s) && Number.isFinite(Number(s)) ? Number(s) : undefined),
};

/**
 * Errors of one file. A value that was exactly one `${VAR}` is a string; where the schema
 * wants a boolean/integer/number it is coerced ("true"/"false", digits) and validated again.
 */
export async function validateSchema(file: ParsedFile): Promise<ErrorObject[]> {
  const validate = validator();
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
