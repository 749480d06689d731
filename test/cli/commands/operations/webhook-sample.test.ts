/**
 * `webhooks trigger --to` builds its sample from the spec's example, with `-d path=value`
 * edits: a path through `__proto__`, `constructor` or `prototype` is refused, and nothing
 * reaches Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import { sampleBody } from '../../../../src/cli/commands/operations/webhook-sample.js';
import { UserError } from '../../../../src/errors.js';

describe('sampleBody -d paths', () => {
  it('sets a payload path', () => {
    const body = sampleBody('conversation:message', [['message.content.text', 'hey']]);
    const ev = (body.events as Array<{ type: string; payload: { message: { content: { text: string } } } }>)[0]!;
    expect([ev.type, ev.payload.message.content.text]).toEqual(['conversation:message', 'hey']);
  });

  it.each(['__proto__.polluted', 'message.__proto__.polluted', 'constructor.prototype.polluted', 'message.prototype'])('refuses %s', (path) => {
    expect(() => sampleBody('conversation:message', [[path, '1']])).toThrow(UserError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
