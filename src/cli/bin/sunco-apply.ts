#!/usr/bin/env node
import { run } from '../run.js';

// `sunco-apply ...` is exactly `sunco apply ...`.
void run(process.argv.slice(2), 'sunco-apply', undefined, 'apply');
