/**
 * The config language's entry point: files → YAML (positions kept) → variables resolved →
 * schema → merge → reference rules → LoadedConfig. Every issue of every stage that can run
 * is collected and thrown at once as a ConfigError; no API call is ever made here.
 */
import { basename } from 'node:path';
import { codeFrame, ConfigError, type ConfigIssue } from './issues.js';
import { fingerprint } from './fingerprint.js';
import { type Merged, mergeFiles } from './merge.js';
import { parseYamlFile, type ParsedFile } from './parse-yaml.js';
import { readConfigFiles } from './read-files.js';
import { checkReferences } from './references.js';
import { checkSpecRules } from './spec-rules.js';
import { schemaIssues } from './schema-issues.js';
import { validateSchema } from './schema-validate.js';
import { collectSources } from './sources.js';
import type { InputDigests, LoadedConfig } from './types.js';
import { collectVariables } from './var-sources.js';
import { registerConfigSecrets } from './secret-values.js';
import { secretMask } from '../secret-mask.js';
import { publicNames } from './public-names.js';
import { declaredVariables, sensitiveNames, withDefaults } from './variables-block.js';

export { ConfigError, formatIssue, issuesToJson, type ConfigIssue, type JsonIssue } from './issues.js';
export type { LoadedConfig } from './types.js';

export interface LoadConfigOptions {
  /** A YAML file or a directory of them; default `sunco.yaml` in cwd. */
  path?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--var-file` paths (dotenv, or a YAML mapping for .yaml/.yml/.json), in order. */
  varFiles?: string[];
  /** `--var KEY=VALUE`, in order; the last one wins. */
  vars?: string[];
  /**
   * `sunco validate` without --strict: a variable that is not set is no error. Everything that
   * does not depend on its value is still checked; LoadedConfig.unsetVariables names it. The
   * loaded config then holds placeholders: never plan or apply it (they always require values).
   */
  allowUnsetVariables?: boolean;
  /**
   * Called once the files are read and before any is parsed (nothing of their content is in
   * an issue yet): `sunco-apply PLANFILE` refuses here config or var files that are not the
   * ones its plan was made from, so a path edited into a plan file (/proc/self/environ) is
   * never shown in an error frame. Not called when a file could not be read: that issue,
   * which shows no content, is thrown instead.
   */
  checkInputs?: (digests: InputDigests) => void;
}

export type { InputDigests } from './types.js';

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const issues: ConfigIssue[] = [];
  const varTexts: (string | undefined)[] = [];
  const given = await collectVariables(options, issues, varTexts);
  const sources = await readConfigFiles(options.path, options.cwd, issues);
  const inputDigests: InputDigests = {
    config: fingerprint(sources.map((s) => [basename(s.path), s.text])),
    varFiles: varTexts.map((t) => (t === undefined ? '' : fingerprint(t))),
  };
  if (options.checkInputs) {
    const unread = issues.filter((i) => READ_CODES.has(i.code));
    if (unread.length > 0) throw new ConfigError(sortIssues(unread));
    options.checkInputs(inputDigests);
  }
  const declared = declaredVariables(sources);
  const vars = withDefaults(given, declared);
  const sensitiveVars = sensitiveNames(declared);
  const parsed: ParsedFile[] = [];
  for (const source of sources) {
    const file = parseYamlFile(source, vars, issues, { allowUnset: options.allowUnsetVariables });
    if (file) parsed.push(file);
  }
  // Before any issue is reported: error frames and messages are masked through these too.
  registerConfigSecrets(parsed.map((f) => f.value), vars, sensitiveVars);
  // The issues found while parsing framed their lines before the secrets were known: frame them again.
  for (const issue of issues) {
    const source = issue.frame ? sources.find((s) => s.shown === issue.file) : undefined;
    if (source) issue.frame = codeFrame(source.text, issue.line, issue.column);
  }
  // Reference rules read the typed model: they need every file parsed and no value of the
  // wrong type. Other schema issues (a misspelt field, a bad enum value) do not stop them, so
  // that a typo and a dangling reference are reported together, all at once.
  let shapeOk = parsed.length === sources.length && sources.length > 0;
  let schemaFound = 0;
  for (const file of parsed) {
    const found = schemaIssues(file, await validateSchema(file));
    if (found.some((i) => i.code === 'wrong_type')) shapeOk = false;
    schemaFound += found.length;
    issues.push(...found);
  }
  if (shapeOk) {
    const later: ConfigIssue[] = [];
    let merged: Merged | undefined;
    try {
      merged = mergeFiles(parsed, later);
      if (later.length === 0) later.push(...checkReferences(merged), ...checkSpecRules(merged));
    } catch (err) {
      // A shape the schema already reported (e.g. a missing `apps`) can trip the rules: that issue stands.
      if (schemaFound === 0) throw err;
      merged = undefined;
    }
    issues.push(...later.filter((l) => !issues.some((i) => i.file === l.file && i.line === l.line && i.column === l.column && i.code === l.code)));
    if (issues.length === 0 && merged) {
      const { sources: positions, sensitive } = collectSources(parsed, sensitiveVars);
      secretMask().addNames(publicNames(merged.config));
      return {
        config: merged.config,
        files: parsed.map((f) => f.source.shown),
        sources: positions,
        sensitive,
        fingerprint: fingerprint(merged.config),
        inputDigests,
        unsetVariables: unsetIn(parsed),
      };
    }
  }
  throw new ConfigError(issues.length > 0 ? sortIssues(issues) : [{ file: '', line: 0, column: 0, code: 'internal', message: 'config could not be loaded', frame: '' }], unsetIn(parsed));
}

function unsetIn(parsed: ParsedFile[]): string[] {
  return [...new Set(parsed.flatMap((f) => [...f.unsetVariables]))].sort();
}

/** Issues of reading a file (never of its content): they show no line of it. */
const READ_CODES = new Set(['file_missing', 'file_unreadable', 'file_too_large', 'bad_encoding', 'var_file_missing']);

/**
 * Flag-level issues (no position) first, then by file, line and column. Files by code unit, as
 * read-files.ts reads them: localeCompare made the order depend on the user's LANG.
 */
function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  const byFile = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...issues].sort((a, b) => (a.line === 0 ? 0 : 1) - (b.line === 0 ? 0 : 1) || byFile(a.file, b.file) || a.line - b.line || a.column - b.column);
}
