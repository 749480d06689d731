/**
 * A dotenv variable file: `KEY=VALUE` lines, optional `export `, `#` comments (whole
 * lines, or after whitespace in an unquoted value), "double" (with \n \t \" \\ escapes)
 * and 'single' (literal) quotes. Values are one line each.
 */
import { forbiddenKeyMessage, isForbiddenKey } from './safe-keys.js';
import type { ParsedVars } from './var-sources.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$' };

export function parseDotenv(text: string): ParsedVars {
  const values = new Map<string, string>();
  const problems: ParsedVars['problems'] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const lead = raw.length - raw.trimStart().length;
    let rest = raw.trim();
    if (rest === '' || rest.startsWith('#')) return;
    let col = lead + 1;
    if (rest.startsWith('export ')) {
      const after = rest.slice(7).trimStart();
      col += rest.length - after.length;
      rest = after;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(rest);
    if (!m) {
      problems.push({ line, column: col, message: 'expected NAME=VALUE' });
      return;
    }
    const name = m[1];
    if (isForbiddenKey(name)) {
      problems.push({ line, column: col, message: forbiddenKeyMessage(name, 'variable name') });
      return;
    }
    const vcol = col + m[0].length;
    const value = rest.slice(m[0].length);
    const parsed = parseValue(value);
    if ('error' in parsed) problems.push({ line, column: vcol + parsed.at, message: `${name}: ${parsed.error}` });
    else values.set(name, parsed.value);
  });
  return { values, problems };
}

function parseValue(v: string): { value: string } | { error: string; at: number } {
  const q = v[0];
  if (q !== '"' && q !== "'") {
    const hash = v.search(/\s#/);
    return { value: (hash >= 0 ? v.slice(0, hash) : v).trim() };
  }
  let out = '';
  let i = 1;
  for (; i < v.length; i++) {
    const c = v[i];
    if (c === q) break;
    if (q === '"' && c === '\\' && i + 1 < v.length) {
      out += ESCAPES[v[i + 1]] ?? `\\${v[i + 1]}`;
      i += 1;
    } else out += c;
  }
  if (i >= v.length) return { error: `unclosed ${q === '"' ? 'double' : 'single'} quote`, at: 0 };
  const tail = v.slice(i + 1).trim();
  if (tail !== '' && !tail.startsWith('#')) return { error: 'unexpected text after the closing quote', at: i + 1 };
  return { value: out };
}
