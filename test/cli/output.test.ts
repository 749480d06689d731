import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/cli/output.js';
import { resetSecretMask } from '../../src/secret-mask.js';

describe('renderTable', () => {
  it('aligns full-width (CJK) text by terminal columns', () => {
    const rows = [
      { name: '日本語チャンネル', kind: 'web' },
      { name: 'Support', kind: 'twilio' },
      { name: '客服', kind: 'custom' },
    ];
    const text = renderTable(rows, [{ header: 'NAME', value: (r) => r.name }, { header: 'TYPE', value: (r) => r.kind }]);
    expect(text).toBe([
      'NAME              TYPE',
      '日本語チャンネル  web',
      'Support           twilio',
      '客服              custom',
      '',
    ].join('\n'));
    // The second column starts at the same terminal column on every line.
    const starts = text.trimEnd().split('\n').map((l) => stringWidth(l.slice(0, l.search(/\S+$/))));
    expect(new Set(starts).size).toBe(1);
  });

  it('masks a registered secret before clipping a cell, so the cut leaves no part of it', () => {
    resetSecretMask().add('leak-token-abcdefghij');
    const text = renderTable([{ t: 'name leak-token-abcdefghij' }], [{ header: 'T', value: (r) => r.t, max: 12 }]);
    expect(text).not.toContain('leak-t');
    expect(text).toContain('name (sensi…');
    resetSecretMask();
  });

  it('clips to `max` terminal columns without splitting a character', () => {
    const text = renderTable([{ t: '你好世界你好世界' }, { t: 'abcdefghij' }], [{ header: 'T', value: (r) => r.t, max: 7 }]);
    expect(text).toBe(['T', '你好世…', 'abcdef…', ''].join('\n'));
  });
});
