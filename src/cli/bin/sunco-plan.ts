#!/usr/bin/env node
import { run } from '../run.js';

// `sunco-plan ...` is exactly `sunco plan ...`.
void run(process.argv.slice(2), 'sunco-plan', undefined, 'plan');
