/**
 * Merging the files of a config directory: the union of their `apps`. An app declared in
 * two files is an error naming both places (no partial merges: one app, one file).
 * `prune`, when set in several files, must agree; `version` is checked per file by the schema.
 */
import { codeFrame, type ConfigIssue } from './issues.js';
import type { NodePos, ParsedFile } from './parse-yaml.js';
import { toPointer } from './pointer.js';
import { emptyRecord } from './safe-keys.js';
import type { SuncoConfig } from './types.js';

export interface Merged {
  config: SuncoConfig;
  /** The file and position of a path of the merged document (the nearest known ancestor). */
  at(segments: readonly string[]): { file: ParsedFile; pos: NodePos };
  /** Whether a variable failed at this path (its value is a placeholder: rules would report noise). */
  failed(segments: readonly string[]): boolean;
}

export function mergeFiles(files: ParsedFile[], issues: ConfigIssue[]): Merged {
  const config: SuncoConfig = { version: 1, apps: emptyRecord() };
  const owner = new Map<string, ParsedFile>();
  let pruneFrom: ParsedFile | undefined;
  const issueAt = (file: ParsedFile, segments: string[], code: string, message: string, address?: string) => {
    const p = file.nodes.get(toPointer(segments));
    const line = p?.keyLine ?? 1;
    const column = p?.keyColumn ?? 1;
    issues.push({ file: file.source.shown, line, column, address, code, message, frame: codeFrame(file.source.text, line, column) });
  };
  for (const file of files) {
    const doc = file.value as SuncoConfig;
    if (doc.prune !== undefined) {
      if (pruneFrom && (pruneFrom.value as SuncoConfig).prune !== doc.prune) {
        issueAt(file, ['prune'], 'conflicting_prune', `prune: ${String(doc.prune)} disagrees with prune: ${String((pruneFrom.value as SuncoConfig).prune)} in ${where(pruneFrom, ['prune'])}`);
      } else if (!pruneFrom) {
        pruneFrom = file;
        config.prune = doc.prune;
      }
    }
    for (const [name, app] of Object.entries(doc.apps)) {
      const first = owner.get(name);
      if (first) {
        issueAt(file, ['apps', name], 'duplicate_app', `app "${name}" is declared twice: here and in ${where(first, ['apps', name])}`, `app.${name}`);
        continue;
      }
      owner.set(name, file);
      config.apps[name] = app;
    }
  }
  const at = (segments: readonly string[]) => {
    const file = (segments[0] === 'apps' && segments[1] !== undefined ? owner.get(segments[1]) : undefined) ?? files[0];
    for (let n = segments.length; n >= 0; n--) {
      const pos = file.nodes.get(toPointer(segments.slice(0, n)));
      if (pos) return { file, pos };
    }
    return { file, pos: { line: 1, column: 1, keyLine: 1, keyColumn: 1 } };
  };
  const failed = (segments: readonly string[]) => at(segments).file.failedVariable.has(toPointer(segments));
  return { config, at, failed };
}

function where(file: ParsedFile, segments: string[]): string {
  const p = file.nodes.get(toPointer(segments));
  return p ? `${file.source.shown}:${p.keyLine}:${p.keyColumn}` : file.source.shown;
}
