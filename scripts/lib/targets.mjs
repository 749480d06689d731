// The targets of issues 8 and 18 and how a bench result is printed. The test suite never
// asserts times; only `npm run bench` reports them, with whether each is met.
export const TARGETS = {
  ratio: 1.3,
  noChangePlanMs: 1500,
  startupMs: 150,
  purePlanMs: 500,
  // issue 18: startup as a ratio to a bare `node -e 0` of the same run
  versionToNode: 1.5,
  planHelpToNode: 2,
  // issue 18: bytes written to the secrets file against its final size, at scale
  secretsBytesToSize: 3,
  // issue 18: pure planning at 4× the resources within 4× the time
  pureLinear: 4,
};

const r2 = (x) => Math.round(x * 100) / 100;

export function checks(r) {
  return [
    { name: 'apply from empty: ratio to lower bound', value: r.applyFromEmpty.ratio, limit: TARGETS.ratio, unit: '' },
    { name: 'no-change plan: ratio to lower bound', value: r.noChangePlan.ratio, limit: TARGETS.ratio, unit: '' },
    { name: 'no-change plan: wall time', value: r.noChangePlan.wallMs, limit: TARGETS.noChangePlanMs, unit: ' ms' },
    { name: 'startup: sunco --version', value: r.startup.versionMs, limit: TARGETS.startupMs, unit: ' ms' },
    { name: 'startup: sunco-plan --help', value: r.startup.planHelpMs, limit: TARGETS.startupMs, unit: ' ms' },
    { name: `pure plan of ${r.purePlan.resources} resources`, value: r.purePlan.ms, limit: TARGETS.purePlanMs, unit: ' ms' },
    { name: 'startup: sunco --version / bare node', value: r2(r.startup.versionMs / r.startup.nodeMs), limit: TARGETS.versionToNode, unit: '×' },
    { name: 'startup: sunco-plan --help / bare node', value: r2(r.startup.planHelpMs / r.startup.nodeMs), limit: TARGETS.planHelpToNode, unit: '×' },
    ...(r.purePlan.ms4x !== undefined
      ? [{ name: `pure plan of ${r.purePlan.resources4x} resources / pure plan of ${r.purePlan.resources}`, value: r2(r.purePlan.ms4x / r.purePlan.ms), limit: TARGETS.pureLinear, unit: '×' }]
      : []),
    ...(r.scale
      ? [
          { name: `apply from empty at ${r.scale.apps} apps: ratio to lower bound`, value: r.scale.applyRatio, limit: TARGETS.ratio, unit: '' },
          { name: `secrets file at ${r.scale.apps} apps: bytes written / final size`, value: r2(r.scale.secretsBytesWritten / r.scale.secretsFileBytes), limit: TARGETS.secretsBytesToSize, unit: '×' },
        ]
      : []),
  ].map((c) => ({ ...c, met: c.value !== null && c.value <= c.limit }));
}

const n = (v, digits = 0) => (v === null || v === undefined ? 'n/a' : Number(v).toFixed(digits));

export function renderText(r, d) {
  const lines = [];
  const a = r.applyFromEmpty;
  const p = r.noChangePlan;
  lines.push(`sunco benchmark: fleet of ${d.apps} apps (${d.resources} resources), emulator latency ${d.latencyMs} ms, --parallelism ${d.parallelism}`);
  lines.push(`machine: ${d.cpus} CPUs, node ${process.version}, load average ${d.loadBefore} before / ${d.loadAfter} after`);
  lines.push('');
  lines.push(`1. apply from empty      ${n(a.wallMs)} ms (median of ${d.apply.runs}: ${d.apply.all.map((x) => n(x)).join(', ')}), ${a.requests} requests, depth ${d.apply.depth} (read ${d.apply.readDepth} + steps ${d.apply.stepDepth}), lower bound ${n(d.apply.bound)} ms, ratio ${n(a.ratio, 2)}`);
  lines.push(`2. no-change plan        ${n(p.wallMs)} ms (median of ${d.plan.runs}: ${d.plan.all.map((x) => n(x)).join(', ')}), ${p.requests} requests, read depth ${d.plan.depth}, lower bound ${n(d.plan.bound)} ms, ratio ${n(p.ratio, 2)}`);
  const b = d.breakdown;
  if (b) lines.push(`   in-process breakdown: imports ${n(b.importMs)} ms, load config ${n(b.loadMs)} ms, read ${n(b.readMs)} ms (${b.requests} requests), diff ${n(b.diffMs)} ms; the rest is node startup and output`);
  lines.push(`3. naive sequential read ${n(r.naiveRead.wallMs)} ms, ${d.naive.requests} requests one at a time; sunco's no-change plan is ${n(r.naiveRead.speedup, 1)}× faster`);
  lines.push(`4. startup (median of ${d.startupRuns})  sunco --version ${n(r.startup.versionMs)} ms, sunco-plan --help ${n(r.startup.planHelpMs)} ms (bare node -e 0: ${n(r.startup.nodeMs)} ms, same run)`);
  const sh = d.startupShare;
  if (sh) lines.push(`   sunco-plan --help beyond node, in-process: import yargs ${n(sh.yargsImportMs)} ms, import sunco's CLI modules ${n(sh.cliImportMs)} ms, yargs builds and wraps the help ${n(sh.helpRenderMs)} ms (the fallback: the built binary prints its build-time copy for exactly --help)`);
  lines.push(`5. pure plan             ${r.purePlan.resources} resources: ${n(r.purePlan.ms)} ms, the first diff in a fresh process (median of ${d.pure.runs}: ${d.pure.all.map((x) => n(x)).join(', ')})`);
  lines.push(`                          warm (same process, later calls) ${n(d.pure.warmMs)} ms; from an empty live state ${n(d.pure.fromEmptyMs)} ms; peak RSS ${n(r.purePlan.peakMB)} MB (${n(d.pure.rssBeforeMB)} MB before planning)`);
  if (r.purePlan.ms4x !== undefined) lines.push(`                          at 4×: ${r.purePlan.resources4x} resources ${n(r.purePlan.ms4x)} ms (${n(r.purePlan.ms4x / r.purePlan.ms, 2)}× the time), peak RSS ${n(r.purePlan.peakMB4x)} MB`);
  const s = r.scale;
  if (s) {
    lines.push(`6. at scale: ${s.apps} apps (${s.resources} resources)`);
    lines.push(`   apply from empty      ${n(s.applyMs)} ms, ${s.applyRequests} requests, depth ${s.applyDepth}, lower bound ${n(s.applyBoundMs)} ms, ratio ${n(s.applyRatio, 2)}; CPU ${n(s.cpuMs)} ms; peak RSS ${n(s.peakMB)} MB`);
    lines.push(`   secrets file          ${n(s.secretsBytesWritten)} bytes written for a ${n(s.secretsFileBytes)}-byte file (${n(s.secretsBytesWritten / s.secretsFileBytes, 2)}×)`);
    lines.push(`   no-change plan        ${n(s.planMs)} ms, ${s.planRequests} requests, lower bound ${n(s.planBoundMs)} ms, ratio ${n(s.planRatio, 2)}; CPU ${n(s.planCpuMs)} ms; peak RSS ${n(s.planPeakMB)} MB`);
  }
  lines.push('');
  lines.push('Targets:');
  for (const c of checks(r)) lines.push(`  ${c.met ? 'met    ' : 'MISSED '} ${c.name}: ${n(c.value, c.unit === ' ms' ? 0 : 2)}${c.unit} (target ≤ ${c.limit}${c.unit})`);
  return lines.join('\n');
}
