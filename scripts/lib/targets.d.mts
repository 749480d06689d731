// Types for targets.mjs (tested in test/reliability/bench-targets.test.ts).
export const TARGETS: Record<string, number>;
export interface Check {
  name: string;
  value: number | null;
  limit: number;
  unit: string;
  met: boolean;
}
export function checks(result: unknown): Check[];
export function renderText(result: unknown, details: unknown): string;
