import { describe, expect, it } from 'vitest';
import { confirm } from '../../../../src/cli/confirm.js';
import { setIO } from '../../../../src/cli/io.js';
import { maskFields, renderObject, renderTable, wantsJson } from '../../../../src/cli/output.js';
import { UserError } from '../../../../src/errors.js';
import { type FakeIOOptions, fakeIO } from '../../../helpers/io.js';

const io = (opts: FakeIOOptions = {}) => fakeIO(opts);

describe('output', () => {
  it('prints JSON with --json or when stdout is not a terminal', () => {
    expect(wantsJson(io({ stdoutIsTTY: true }), undefined)).toBe(false);
    expect(wantsJson(io({ stdoutIsTTY: true }), true)).toBe(true);
    expect(wantsJson(io({ stdoutIsTTY: false }), undefined)).toBe(true);
  });

  it('renders aligned tables, clipping long cells', () => {
    const text = renderTable(
      [
        { id: 'a', name: 'short' },
        { id: 'bbbb', name: 'a much longer name than allowed' },
      ],
      [
        { header: 'ID', value: (r) => r.id },
        { header: 'NAME', value: (r) => r.name, max: 10 },
      ],
    );
    expect(text).toBe('ID    NAME\na     short\nbbbb  a much lo…\n');
  });

  it('renders objects as key: value lines and masks secrets', () => {
    expect(renderObject({ id: 'x', nested: { a: 1 } })).toBe('id:     x\nnested: {"a":1}\n');
    expect(maskFields({ id: 'k', secret: 's3cret', other: undefined }, ['secret', 'other'])).toEqual({ id: 'k', secret: '(hidden)', other: undefined });
  });
});

describe('confirm', () => {
  it('goes on with --yes without reading anything', async () => {
    const i = io();
    setIO(i);
    await expect(confirm('Delete?', { yes: true })).resolves.toBeUndefined();
    expect(i.err()).toBe('');
  });

  it('refuses without a terminal', async () => {
    setIO(io({ stdin: 'y\n' }));
    await expect(confirm('Delete everything?', {})).rejects.toThrow(/Delete everything\? Refusing without confirmation.*--yes/);
  });

  it.each([
    ['y\n', true],
    ['YES\n', true],
    ['n\n', false],
    ['\n', false],
    ['', false],
  ])('on a terminal, answer %j → proceed %s', async (answer, proceeds) => {
    const i = io({ stdin: answer, stdinIsTTY: true });
    setIO(i);
    const p = confirm('Delete?', {});
    if (proceeds) await expect(p).resolves.toBeUndefined();
    else await expect(p).rejects.toBeInstanceOf(UserError);
    expect(i.err()).toBe('Delete? [y/N] ');
  });
});
