/**
 * Issue 13, failure 4: `multiConvoEnabled: true → false` was planned and applied as if
 * harmless, though the spec says enabling it is irreversible. The plan is refused, naming
 * the spec's rule, before any write; enabling it, or leaving it out, is planned as usual.
 */
import { describe, expect, it } from 'vitest';
import type { AppConfig, AppSettings } from '../../src/config/types.js';
import { diff } from '../../src/plan/diff.js';
import { app, loaded, state } from './fixtures.js';
import { problems } from './problems.js';

const live = (settings: Record<string, unknown>) => state(app({ id: 'a1', displayName: 'S', settings }));
const cfg = (settings?: AppSettings, extra: Partial<AppConfig> = {}) => loaded({ apps: { s: { displayName: 'S', ...(settings ? { settings } : {}), ...extra } } });

describe('irreversible changes', () => {
  it('refuses multiConvoEnabled true → false, naming the field and the spec rule', () => {
    const msg = problems(() => diff(cfg({ multiConvoEnabled: false }), live({ multiConvoEnabled: true })));
    expect(msg).toContain('app.s: settings.multiConvoEnabled cannot go from true to false: the spec says "Enabling `multiConvo` is irreversible." (appSettings.multiConvoEnabled)');
  });

  it('plans enabling it, re-declaring true, leaving it out, or ignoring it', () => {
    expect(diff(cfg({ multiConvoEnabled: true }), live({ multiConvoEnabled: false })).changes[0]!.fields).toEqual([{ field: 'settings.multiConvoEnabled', before: false, after: true }]);
    expect(diff(cfg({ multiConvoEnabled: true }), live({ multiConvoEnabled: true })).steps).toEqual([]);
    expect(diff(cfg({ echoPostback: true }), live({ multiConvoEnabled: true, echoPostback: true })).steps).toEqual([]);
    expect(diff(cfg({ multiConvoEnabled: false }, { ignoreChanges: ['settings'] }), live({ multiConvoEnabled: true })).steps).toEqual([]);
  });
});
