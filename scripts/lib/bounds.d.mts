// Types for bounds.mjs (tested in test/reliability/bench-bounds.test.ts).
export function stepDepth(steps: { id: string; dependsOn: string[] }[]): number;
export function readDepth(log: { method: string; path: string }[]): number;
export function lowerBound(o: { depth: number; requests: number; latencyMs: number; parallelism: number }): number;
export function ratio(wallMs: number, bound: number): number | null;
