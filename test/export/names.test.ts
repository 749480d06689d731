import { describe, expect, it } from 'vitest';
import { byId, slug, uniqueNames } from '../../src/export/names.js';

describe('logical names', () => {
  it('slugs display names to letters, digits and dashes', () => {
    expect(slug('Acme Support (EU)', 'app')).toBe('acme-support-eu');
    expect(slug('  Café Crème!! ', 'app')).toBe('cafe-creme');
    expect(slug('日本', 'integration')).toBe('integration');
    expect(slug(undefined, 'key')).toBe('key');
    expect(slug('x'.repeat(300), 'app')).toHaveLength(120);
  });

  it('makes colliding slugs unique in order, skipping names a sibling slugs to itself', () => {
    expect(uniqueNames(['website', 'website', 'website'])).toEqual(['website', 'website-2', 'website-3']);
    expect(uniqueNames(['web', 'web', 'web-2'])).toEqual(['web', 'web-3', 'web-2']);
    expect(uniqueNames(['a'], ['a'])).toEqual(['a-2']);
  });

  it('orders by id, whatever order a list returned', () => {
    const items = [{ id: '6b0000000000000000000003' }, { id: '6b0000000000000000000001' }, { id: '6b0000000000000000000002' }];
    expect(byId(items).map((i) => i.id.slice(-1))).toEqual(['1', '2', '3']);
    expect(byId([...items].reverse())).toEqual(byId(items));
  });
});
