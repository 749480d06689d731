#!/usr/bin/env node
// Dev-time only: derive spec/openapi.json from the official spec YAML
// (passed as an argument, e.g. ../shared/spec/sunshine-conversations-openapi.yaml).
// Descriptions and examples are dropped; paths, schemas and parameters are kept as is. The
// webhook event examples go to spec/webhook-examples.json.
// Nothing reads the YAML at run time or in tests: a fresh clone has only the JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const [input, output = 'spec/openapi.json'] = process.argv.slice(2);
if (!input) {
  console.error('usage: node scripts/sync-spec.mjs SPEC.yaml [OUT.json]');
  process.exit(1);
}
const drop = new Set(['description', 'example', 'examples', 'summary', 'x-codegen-request-body-name', 'x-zoas-lint-defaults', 'x-tagGroups', 'tags', 'externalDocs']);
function strip(node, key) {
  if (Array.isArray(node)) return node.map((n) => strip(n));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      // Keep entries *named* description/example where they are names, not annotations:
      // schema properties, and components.schemas (the spec has a schema called `description`).
      if (key !== 'properties' && key !== 'schemas' && drop.has(k)) continue;
      out[k] = strip(v, k);
    }
    return out;
  }
  return node;
}
const spec = parse(readFileSync(input, 'utf8'), { maxAliasCount: -1 });
const slim = strip({ openapi: spec.openapi, info: { title: spec.info.title, version: spec.info.version }, paths: spec.paths, components: spec.components, 'x-webhooks': spec['x-webhooks'] });
writeFileSync(output, JSON.stringify(slim) + '\n');
console.log(`wrote ${output}: ${Object.keys(slim.paths).length} paths, ${Object.keys(slim.components.schemas).length} schemas`);

// The spec's webhook examples (x-webhooks → EventWebhooks examples, one per trigger), kept beside
// it: `sunco webhooks trigger --to URL` sends them as samples.
const examples = spec['x-webhooks']['Webhook Event'].post.requestBody.content['application/json'].examples;
const samples = Object.fromEntries(Object.entries(examples).map(([type, ex]) => [type, spec.components.examples[ex.$ref.split('/').pop()].value]));
const samplesOut = output.replace(/openapi\.json$/, 'webhook-examples.json');
writeFileSync(samplesOut, JSON.stringify(samples, null, 1) + '\n');
console.log(`wrote ${samplesOut}: ${Object.keys(samples).length} webhook event examples`);
