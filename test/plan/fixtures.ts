/** In-memory desired and live state for pure planner tests (no HTTP). */
import type { LoadedConfig, SuncoConfig } from '../../src/config/types.js';
import type { KindName } from '../../src/resources/kind-name.js';
import type { LiveNode, Raw } from '../../src/resources/types.js';
import type { LiveState } from '../../src/state/types.js';

export function loaded(config: Partial<SuncoConfig> & { apps: SuncoConfig['apps'] }, sensitive: string[] = []): LoadedConfig {
  return {
    config: { version: 1, ...config },
    files: ['sunco.yaml'],
    sources: new Map([['app.support', { file: 'sunco.yaml', line: 3, column: 3 }]]),
    sensitive: new Set(sensitive),
    fingerprint: 'cfg-fp',
  };
}

export function node(kind: KindName, raw: Raw, children: Partial<Record<KindName, LiveNode[]>> = {}): LiveNode {
  return { kind, id: String(raw.id), raw, children };
}

/** A live app; children default to "read and empty" for app keys, integrations and switchboards. */
export function app(raw: Raw, children: Partial<Record<KindName, LiveNode[]>> = {}): LiveNode {
  return node('app', { settings: {}, metadata: null, ...raw }, { 'app-key': [], integration: [], switchboard: [], ...children });
}

export function custom(raw: Raw, webhooks: Raw[] = [], keys: Raw[] = []): LiveNode {
  return node('integration', { type: 'custom', status: 'active', ...raw }, {
    webhook: webhooks.map((w) => node('webhook', { version: 'v2', includeFullUser: false, includeFullSource: false, secret: 'whsec', ...w })),
    'integration-key': keys.map((k) => node('integration-key', { secret: 'ksec', ...k })),
  });
}

export function integration(raw: Raw): LiveNode {
  return node('integration', { status: 'active', ...raw });
}

export function switchboard(raw: Raw, sis: Raw[]): LiveNode {
  return node('switchboard', raw, { 'switchboard-integration': sis.map((s) => node('switchboard-integration', { deliverStandbyEvents: false, ...s })) });
}

export function state(...apps: LiveNode[]): LiveState {
  return { apps, requests: 4 };
}

export const SALT = (): string => 'saltsalt';
