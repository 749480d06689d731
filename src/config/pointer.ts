/** JSON pointers (RFC 6901), the same form as ajv's `instancePath`. */

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getAt(root: unknown, segments: readonly string[]): unknown {
  let cur = root;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

export function setAt(root: unknown, segments: readonly string[], value: unknown): void {
  let cur = root as Record<string, unknown>;
  for (const s of segments.slice(0, -1)) cur = cur[s] as Record<string, unknown>;
  cur[segments[segments.length - 1]] = value;
}
