/**
 * The example workflows (examples/github/) and action.yml agree: every input a workflow passes
 * is declared, every declared input reaches the script, and each workflow has the shape its
 * job needs (a comment per environment, one apply at a time, a failing drift check).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const load = (p: string): any => parse(readFileSync(join(ROOT, p), 'utf8'));
const action = load('action.yml');
const workflows = Object.fromEntries(['plan', 'apply', 'drift'].map((n) => [n, load(`examples/github/${n}.yml`)]));
const steps = (wf: any): any[] => Object.values(wf.jobs).flatMap((j: any) => j.steps);
const suncoSteps = (wf: any): any[] => steps(wf).filter((s) => typeof s.uses === 'string' && /\/sunco@/.test(s.uses));

describe('action.yml', () => {
  it('is a composite action with the inputs and outputs the issue names', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['command', 'config', 'var-files', 'environment', 'comment']));
    expect(Object.keys(action.outputs)).toEqual(['has-changes', 'plan-file']);
  });

  it('hands every input to a step', () => {
    const run = action.runs.steps.find((s: any) => s.id === 'run');
    const passed = action.runs.steps.flatMap((s: any) => Object.values(s.env ?? {})).join(' ');
    for (const name of Object.keys(action.inputs)) expect(passed).toContain(`inputs.${name}`);
    expect(run.run).toContain('scripts/action/run.mjs');
  });
});

describe('examples/github', () => {
  it('passes only declared inputs', () => {
    for (const wf of Object.values(workflows)) {
      for (const s of suncoSteps(wf)) for (const k of Object.keys(s.with)) expect(Object.keys(action.inputs)).toContain(k);
    }
  });

  it('plans on pull requests, one job per environment with its own comment', () => {
    const wf = workflows.plan;
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions['pull-requests']).toBe('write');
    expect(wf.jobs.plan.strategy.matrix.environment.length).toBeGreaterThanOrEqual(2);
    expect(suncoSteps(wf)[0].with).toMatchObject({ command: 'plan', environment: '${{ matrix.environment }}', comment: 'true' });
  });

  it('applies the plan file of the merged commit, one apply at a time', () => {
    const wf = workflows.apply;
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.concurrency).toEqual({ group: 'sunco-apply', 'cancel-in-progress': false });
    expect(wf.jobs.apply.needs).toBe('plan');
    const apply = suncoSteps(wf).find((s) => s.with.command === 'apply');
    expect(apply.with['plan-file']).toBeTruthy();
    for (const job of ['plan', 'apply']) expect(wf.jobs[job].steps[0].with.ref).toBe('${{ github.sha }}');
  });

  it('checks drift on a schedule and fails when the plan has changes', () => {
    const wf = workflows.drift;
    expect(wf.on.schedule[0].cron).toBeTruthy();
    const fail = steps(wf).find((s) => s.if === "steps.plan.outputs.has-changes == 'true'");
    expect(fail.run).toContain('exit 1');
  });
});
