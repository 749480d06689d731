/**
 * An export as YAML text: the `# yaml-language-server: $schema=` line first (editors find
 * the schema), then `version: 1` and the apps, with the export's comments above their keys.
 * One document for everything, or one per app (`-o DIR/`, which `-f DIR` merges back).
 */
import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import type { Raw } from '../resources/types.js';
import type { ExportComment, ExportedApp } from './types.js';

export interface RenderOptions {
  /** What the `$schema` line points to (a path relative to the file, or a URL). */
  schema: string;
  /** A top-level `variables:` block (declarations), when the config language has one. */
  variables?: Raw;
}

const HEADER = [
  ' Written by `sunco export`. Values the API never returns are ${VARIABLES}: fill them in',
  ' (`--vars-out` writes a template), then run sunco-plan: it should plan no change.',
];

function place(doc: Document, comment: ExportComment): void {
  const path = ['apps', ...comment.path];
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return;
  const pair = (parent as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === path.at(-1));
  if (!pair || !isScalar(pair.key)) return;
  const text = comment.text.split('\n').map((l) => ` ${l}`).join('\n');
  pair.key.commentBefore = pair.key.commentBefore ? `${pair.key.commentBefore}\n${text}` : text;
}

export function renderDocument(apps: readonly ExportedApp[], options: RenderOptions): string {
  const body: Raw = { version: 1 };
  if (options.variables && Object.keys(options.variables).length > 0) body.variables = options.variables;
  body.apps = Object.fromEntries(apps.map((a) => [a.name, a.entry]));
  const doc = new Document(body);
  doc.commentBefore = [` yaml-language-server: $schema=${options.schema}`, ...HEADER].join('\n');
  // One line per declaration: `NAME: { description: …, sensitive: true }`.
  for (const name of Object.keys(options.variables ?? {})) {
    const decl = doc.getIn(['variables', name], true);
    if (isMap(decl)) decl.flow = true;
  }
  for (const app of apps) for (const c of app.comments) place(doc, c);
  return doc.toString({ lineWidth: 0 });
}
