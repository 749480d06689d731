// Types for fleet.mjs (used by test/reliability).
export function fleetAppNames(appCount?: number, prefix?: string): string[];
export function fleetConfig(appCount?: number, prefix?: string, first?: number): string;
export function writeFleetDir(dir: string, appCount: number, prefix?: string, perFile?: number): Promise<string>;
