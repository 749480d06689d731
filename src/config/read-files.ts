/**
 * Which files make up the config: `-f` names a YAML file or a directory whose
 * `*.yaml`/`*.yml` files (sorted, not recursive) are merged. Default: `sunco.yaml` in cwd.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ConfigIssue } from './issues.js';
import { displayPath } from './paths.js';
import { decodeUtf8 } from './utf8.js';

/** Bigger files are refused before parsing: a config this size is a mistake or an attack. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** As shown in messages (relative to cwd when inside it). */
  shown: string;
  text: string;
}

export async function readConfigFiles(path: string | undefined, cwd: string, issues: ConfigIssue[]): Promise<SourceFile[]> {
  const target = resolve(cwd, path ?? 'sunco.yaml');
  const shown = displayPath(target, cwd);
  const fail = (code: string, message: string, file = shown): SourceFile[] => {
    issues.push({ file, line: 0, column: 0, code, message, frame: '' });
    return [];
  };
  let info;
  try {
    info = await stat(target);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') return fail('file_unreadable', unreadableMessage(err));
    return path === undefined
      ? fail('file_missing', `config file ${shown} not found (use -f to name a file or a directory; sunco init writes a starter)`)
      : fail('file_missing', `config file or directory ${shown} not found`);
  }
  let paths = [target];
  // A device or a pipe named by -f (or by a plan file's recorded path: /dev/zero) was skipped
  // silently, which ended in "config could not be loaded".
  if (!info.isDirectory() && !info.isFile()) return fail('file_unreadable', `${shown} is not a regular file or a directory`);
  if (info.isDirectory()) {
    let entries: string[];
    try {
      entries = await readdir(target);
    } catch (err) {
      return fail('file_unreadable', unreadableMessage(err));
    }
    const names = entries.filter((n) => /\.ya?ml$/i.test(n)).sort();
    if (names.length === 0) return fail('file_missing', `directory ${shown} holds no *.yaml or *.yml file`);
    paths = names.map((n) => join(target, n));
  }
  const files: SourceFile[] = [];
  for (const p of paths) {
    const s = displayPath(p, cwd);
    let bytes: Buffer;
    try {
      const st = await stat(p);
      // Skipped silently, a directory named x.yaml left "config could not be loaded" when it was the only one.
      if (!st.isFile()) {
        fail('file_unreadable', st.isDirectory() ? 'cannot be read: it is a directory named like a config file' : 'cannot be read: it is not a regular file', s);
        continue;
      }
      if (st.size > MAX_FILE_BYTES) {
        fail('file_too_large', `${s} is ${st.size} bytes; config files are limited to ${MAX_FILE_BYTES} bytes (1 MiB)`, s);
        continue;
      }
      bytes = await readBounded(p);
    } catch (err) {
      if (err instanceof TooLarge) {
        fail('file_too_large', `${s} is over ${MAX_FILE_BYTES} bytes; config files are limited to ${MAX_FILE_BYTES} bytes (1 MiB)`, s);
        continue;
      }
      fail('file_unreadable', unreadableMessage(err), s);
      continue;
    }
    const decoded = decodeUtf8(bytes);
    if ('error' in decoded) {
      const { line, column, byte } = decoded.error;
      issues.push({ file: s, line, column, code: 'bad_encoding', message: invalidUtf8Message(byte), frame: '' });
      continue;
    }
    files.push({ path: p, shown: s, text: decoded.text });
  }
  return files;
}

/** A file longer than MAX_FILE_BYTES, found while reading it (a device or a pipe has no size to stat). */
export class TooLarge extends Error {}

/**
 * The file's bytes, at most MAX_FILE_BYTES: /dev/zero or an endless pipe given as a file (by
 * a flag, or by a plan file's recorded path) would otherwise be read until memory runs out.
 */
export async function readBounded(path: string, max = MAX_FILE_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > max) throw new TooLarge(`${path} is over ${max} bytes`);
      chunks.push(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
}

export function errnoOf(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Why a file cannot be read, in one line (the issue's file column names which). */
export function unreadableMessage(err: unknown): string {
  switch (errnoOf(err)) {
    case 'ELOOP':
      return 'cannot be read: it is a symbolic link loop';
    case 'ENOENT':
      return 'cannot be read: it is a symbolic link to a file that does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied';
    case 'EISDIR':
      return 'cannot be read: it is a directory';
    default:
      return `cannot be read (${errnoOf(err) ?? (err as Error).message})`;
  }
}

export function invalidUtf8Message(byte: number): string {
  return `invalid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')}): files must be UTF-8 encoded`;
}
