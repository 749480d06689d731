import type { Route } from './route.js';

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
  /** More literal segments win over parameters when two patterns match one path. */
  literals: number;
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

/** Matches method + path against Express-like patterns (`/v2/apps/:appId`). */
export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes
      .map((route) => compile(route))
      .sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): Match {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const allow = new Set<string>();
    for (const c of this.compiled) {
      const m = c.regex.exec(trimmed);
      if (!m) continue;
      if (c.route.method !== method) {
        allow.add(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        params[n] = safeDecode(m[i + 1] ?? '');
      });
      return { kind: 'found', route: c.route, params };
    }
    return allow.size > 0 ? { kind: 'method_not_allowed', allow: [...allow].sort() } : { kind: 'not_found' };
  }
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  let literals = 0;
  const body = route.pattern
    .split('/')
    .filter((s) => s !== '')
    .map((seg) => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1));
        return '([^/]+)';
      }
      literals += 1;
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^/${body}$`), names, literals };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
