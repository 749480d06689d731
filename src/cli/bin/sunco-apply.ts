#!/usr/bin/env node
import { run } from '../run.js';

// `sunco-apply ...` is exactly `sunco apply ...`.
void run(['apply', ...process.argv.slice(2)], 'sunco-apply');
