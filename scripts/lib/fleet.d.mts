// Types for fleet.mjs (used by test/reliability).
export function fleetAppNames(appCount?: number, prefix?: string): string[];
export function fleetConfig(appCount?: number, prefix?: string): string;
