/**
 * Where variables come from, later wins: the environment, then each `--var-file`
 * (dotenv or YAML mapping, by extension), then each `--var KEY=VALUE`.
 */
import { extname, resolve } from 'node:path';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { yamlErrorMessage } from './yaml-errors.js';
import { parseDotenv } from './dotenv.js';
import { codeFrame, type ConfigIssue } from './issues.js';
import { isVariableName } from './interpolate.js';
import { displayPath } from './paths.js';
import { MAX_FILE_BYTES, TooLarge, errnoOf, invalidUtf8Message, readBounded } from './read-files.js';
import { forbiddenKeyMessage, isForbiddenKey } from './safe-keys.js';
import { decodeUtf8 } from './utf8.js';
import { tagIssue } from './yaml-tags.js';

export interface VarSourceOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  varFiles?: string[];
  vars?: string[];
}

/** `texts`, when given, receives each var file's text in order (undefined when it could not be read): plan files record their digests. */
export async function collectVariables(opts: VarSourceOptions, issues: ConfigIssue[], texts?: (string | undefined)[]): Promise<Map<string, string>> {
  const vars = new Map<string, string>();
  for (const [k, v] of Object.entries(opts.env)) if (v !== undefined) vars.set(k, v);
  for (const f of opts.varFiles ?? []) {
    const path = resolve(opts.cwd, f);
    const shown = displayPath(path, opts.cwd);
    texts?.push(undefined);
    let bytes: Buffer;
    try {
      bytes = await readBounded(path);
    } catch (err) {
      issues.push({ file: shown, line: 0, column: 0, code: 'var_file_missing', message: `cannot read variable file ${shown}: ${whyUnreadable(err)}`, frame: '' });
      continue;
    }
    const decoded = decodeUtf8(bytes);
    if ('error' in decoded) {
      const { line, column, byte } = decoded.error;
      issues.push({ file: shown, line, column, code: 'bad_encoding', message: invalidUtf8Message(byte), frame: '' });
      continue;
    }
    const text = decoded.text;
    if (texts) texts[texts.length - 1] = text;
    const parsed = /^\.(ya?ml|json)$/i.test(extname(path)) ? parseYamlVars(text) : parseDotenv(text);
    // Variable files hold secrets: frames show their lines with every value masked.
    const masked = text.split(/\r?\n/).map(maskValue).join('\n');
    for (const p of parsed.problems) {
      issues.push({ file: shown, line: p.line, column: p.column, code: 'var_file_syntax', message: p.message, frame: codeFrame(masked, p.line, p.column) });
    }
    for (const [k, v] of parsed.values) vars.set(k, v);
  }
  for (const kv of opts.vars ?? []) {
    const eq = kv.indexOf('=');
    const name = eq < 0 ? kv : kv.slice(0, eq);
    if (eq < 0 || !isVariableName(name)) {
      issues.push({ file: '', line: 0, column: 0, code: 'bad_var_flag', message: `--var "${kv}": expected NAME=VALUE`, frame: '' });
      continue;
    }
    if (isForbiddenKey(name)) {
      issues.push({ file: '', line: 0, column: 0, code: 'forbidden_key', message: `--var: ${forbiddenKeyMessage(name, 'variable name')}`, frame: '' });
      continue;
    }
    vars.set(name, kv.slice(eq + 1));
  }
  return vars;
}

function whyUnreadable(err: unknown): string {
  if (err instanceof TooLarge) return `it is over ${MAX_FILE_BYTES} bytes (1 MiB)`;
  switch (errnoOf(err)) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'ELOOP':
      return 'it is a symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return errnoOf(err) ?? (err as Error).message;
  }
}

export interface ParsedVars {
  values: Map<string, string>;
  problems: Array<{ line: number; column: number; message: string }>;
}

/** A YAML variable file is one flat mapping of scalars. */
function parseYamlVars(text: string): ParsedVars {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const values = new Map<string, string>();
  const problems: ParsedVars['problems'] = [];
  const at = (offset: number, message: string) => {
    const { line, col } = lc.linePos(offset);
    problems.push({ line, column: col, message });
  };
  for (const e of doc.errors) at(e.pos[0], yamlErrorMessage(e));
  if (problems.length > 0) return { values, problems };
  if (doc.contents === null) return { values, problems };
  if (!isMap(doc.contents)) {
    at(doc.contents.range?.[0] ?? 0, 'a YAML variable file must be a mapping of NAME: value');
    return { values, problems };
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyOffset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
    if (!isVariableName(key)) {
      at(keyOffset, `invalid variable name "${key}"`);
      continue;
    }
    if (isForbiddenKey(key)) {
      at(keyOffset, forbiddenKeyMessage(key, 'variable name'));
      continue;
    }
    const v = pair.value;
    const badTag = v ? tagIssue(v, text, v.range?.[0] ?? keyOffset) : undefined;
    if (badTag) {
      at(badTag.offset, badTag.message);
      continue;
    }
    if (v === null || (isScalar(v) && v.value === null)) values.set(key, '');
    else if (isScalar(v)) values.set(key, String(v.value));
    else at(v.range?.[0] ?? keyOffset, `variable ${key} must be a plain value (string, number or boolean)`);
  }
  return { values, problems };
}

/**
 * `KEY=value` / `KEY: value` → the value replaced by `*` of the same length (columns kept).
 * Any other line is masked whole: it may be a line of a multi-line value (a PEM key pasted
 * into a dotenv file), and a base64 line can even look like `KEY=…`, so the key must be a
 * variable name.
 */
function maskValue(line: string): string {
  if (/^\s*(#.*)?$/.test(line)) return line;
  const m = /^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*[=:]\s*)(.*)$/.exec(line);
  return m ? m[1] + m[2].replace(/[^\s]/g, '*') : line.replace(/[^\s]/g, '*');
}
