import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { closest } from '../config/did-you-mean.js';
import { UserError } from '../errors.js';
import { yamlErrorMessage } from '../config/yaml-errors.js';
import { CONNECTION_FIELDS, type ConnectionValues } from './connection-options.js';
import type { CliIO } from './io.js';
import type * as YAML from 'yaml';

/**
 * Connection profiles: the last source after flags and environment (DESIGN.md, "Credentials
 * and connection"). One YAML file maps profile names to connection values:
 *
 *   prod:   { region: eu-1, auth: jwt, keyId: app_…, keySecret: … }
 *   local:  { apiUrl: http://127.0.0.1:8090, keyId: …, keySecret: … }
 *
 * `--profile NAME` or SUNCO_PROFILE picks one (it must exist); otherwise a profile named
 * `default` is used when the file has one. Values are never printed, in errors included.
 */
/** A profile gives the same values as the connection flags (connection-options.ts). */
export type ProfileValues = ConnectionValues;

export interface Profile {
  name: string;
  path: string;
  values: ProfileValues;
}

const PROFILE_FIELDS = CONNECTION_FIELDS;
export const DEFAULT_PROFILE = 'default';
const MAX_BYTES = 64 * 1024;

/**
 * Where profiles.yaml lives: $SUNCO_CONFIG_DIR, else $XDG_CONFIG_HOME/sunco, else
 * $HOME/.config/sunco. Read from io.env only (not os.homedir()), so a test that passes its
 * own environment never picks up the real user's file.
 */
export function profilesPath(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE);
  const dir = nonEmpty(env.SUNCO_CONFIG_DIR) ?? (xdg && join(xdg, 'sunco')) ?? (home && join(home, '.config', 'sunco'));
  return dir === undefined ? undefined : join(dir, 'profiles.yaml');
}

/**
 * The selected profile, or undefined when none is asked for and there is no `default` one.
 * Synchronous, so that resolveConnection (used by every command that calls the API) stays so.
 */
export function loadProfile(flag: string | undefined, io: CliIO): Profile | undefined {
  const asked = nonEmpty(flag) ?? nonEmpty(io.env.SUNCO_PROFILE);
  const path = profilesPath(io.env);
  if (path === undefined) {
    if (asked) throw new UserError(`Cannot find profile "${asked}": set SUNCO_CONFIG_DIR or HOME to locate profiles.yaml.`);
    return undefined;
  }
  let text: string;
  let mode: number;
  try {
    const info = statSync(path);
    if (info.size > MAX_BYTES) throw new UserError(`${path}: a profiles file is limited to ${MAX_BYTES} bytes.`);
    text = readFileSync(path, 'utf8');
    mode = info.mode;
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UserError(`Cannot read ${path}: ${(err as Error).message}`);
    if (asked) throw new UserError(`Profile "${asked}" not found: ${path} does not exist.`);
    return undefined;
  }
  const profile = pickProfile(parseProfiles(text, path), asked, path);
  if (profile?.values.keySecret !== undefined) warnIfShared(path, mode, io);
  return profile;
}

type Located<T> = { value: T; at: string };

function parseProfiles(text: string, path: string): Map<string, Located<Map<string, Located<unknown>>>> {
  // yaml loads only here, when a profiles file exists: operations commands otherwise never need it.
  const { parseDocument, isMap, isScalar, LineCounter } = createRequire(import.meta.url)('yaml') as typeof YAML;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (node: { range?: [number, number, number] | null } | null | undefined): string => {
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    return `${path}:${pos.line}:${pos.col}`;
  };
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    throw new UserError(`${path}:${pos?.line ?? 1}:${pos?.col ?? 1}: invalid YAML: ${yamlErrorMessage(first)}`);
  }
  const profiles = new Map<string, Located<Map<string, Located<unknown>>>>();
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return profiles;
  if (!isMap(doc.contents)) throw new UserError(`${at(doc.contents)}: profiles.yaml must map profile names to connection settings.`);
  for (const pair of doc.contents.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!isMap(pair.value)) throw new UserError(`${at(pair.key as never)}: profile "${name}" must be a mapping of ${PROFILE_FIELDS.join(', ')}.`);
    const fields = new Map<string, Located<unknown>>();
    for (const f of pair.value.items) {
      const key = isScalar(f.key) ? String(f.key.value) : '';
      fields.set(key, { value: isScalar(f.value) ? f.value.value : f.value, at: at((f.value ?? f.key) as never) });
      if (!(PROFILE_FIELDS as readonly string[]).includes(key)) {
        const hint = closest(key, PROFILE_FIELDS);
        throw new UserError(`${at(f.key as never)}: profile "${name}": unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; fields: ${PROFILE_FIELDS.join(', ')}.`);
      }
    }
    profiles.set(name, { value: fields, at: at(pair.key as never) });
  }
  return profiles;
}

function pickProfile(profiles: Map<string, Located<Map<string, Located<unknown>>>>, asked: string | undefined, path: string): Profile | undefined {
  const name = asked ?? DEFAULT_PROFILE;
  const entry = profiles.get(name);
  if (!entry) {
    if (!asked) return undefined;
    const hint = closest(asked, profiles.keys());
    const known = profiles.size > 0 ? `; profiles: ${[...profiles.keys()].join(', ')}` : '';
    throw new UserError(`Profile "${asked}" not found in ${path}${hint ? ` (did you mean "${hint}"?)` : known}.`);
  }
  const values: ProfileValues = {};
  for (const [key, { value, at }] of entry.value) {
    // The message names the field, never its value: it may be the secret.
    if (typeof value !== 'string' || value.trim() === '') throw new UserError(`${at}: profile "${name}": ${key} must be a non-empty string.`);
    if (key === 'auth' && !['basic', 'jwt'].includes(value.trim().toLowerCase())) throw new UserError(`${at}: profile "${name}": auth must be basic or jwt.`);
    values[key as keyof ProfileValues] = value.trim();
  }
  return { name, path, values };
}

/** Like ssh with a private key: a secret readable by other users deserves a warning. */
function warnIfShared(path: string, mode: number, io: CliIO): void {
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    io.stderr.write(`Warning: ${path} is readable by other users and may hold key secrets; run chmod 600 ${path}\n`);
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}
