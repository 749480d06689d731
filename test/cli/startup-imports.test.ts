/**
 * Before the first request, a command loads only what it uses (issue 18): the binaries load no
 * library statically (yargs and the command come by import() once the arguments say which),
 * the plan and apply handlers never load the emulator or jose unless asked, and the API client
 * loads jose only to sign a JWT. Checked on the static import graph of the sources: an
 * `import x from` (not `import type`, not `import()`) is loaded as soon as its importer is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function staticGraph(entry: string): { modules: string[]; packages: string[] } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(target)) walk(target);
      } else if (!spec.startsWith('node:')) {
        packages.add(spec);
      }
    }
  };
  walk(resolve(root, entry));
  return { modules: [...modules].map((f) => relative(root, f)), packages: [...packages].sort() };
}

describe('startup imports', () => {
  it.each(['src/cli/bin/sunco.ts', 'src/cli/bin/sunco-plan.ts', 'src/cli/bin/sunco-apply.ts'])('%s loads no library before it knows the command', (bin) => {
    const g = staticGraph(bin);
    expect(g.packages).toEqual([]);
    expect(g.modules.filter((m) => /^src\/(api|state|plan|render|apply|emulator|resources)\//.test(m))).toEqual([]);
  });

  it.each(['src/cli/commands/plan-run.ts', 'src/cli/commands/apply-run.ts'])('%s loads neither the emulator nor jose nor got until it connects', (handler) => {
    const g = staticGraph(handler);
    expect(g.modules.filter((m) => m.startsWith('src/emulator/'))).toEqual([]);
    expect(g.packages).not.toContain('jose');
    expect(g.packages).not.toContain('got');
  });

  it.each(['src/cli/commands/plan-run.ts', 'src/cli/commands/show-run.ts'])('%s loads no plan renderer until it knows the format', (handler) => {
    // plan-run imports the one renderer --format asks for (loadRenderer), while the read runs.
    const g = staticGraph(handler);
    expect(g.modules.filter((m) => m.startsWith('src/render/'))).toEqual([]);
    expect(g.modules).toContain('src/cli/commands/plan-run.ts');
  });

  it('the API client loads got, and jose only when a JWT is signed', () => {
    // auth.ts imports jose inside signJwt (test/api/auth.test.ts signs with it).
    expect(staticGraph('src/api/client.ts').packages).toEqual(['got']);
  });
});
