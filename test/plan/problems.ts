import { expect } from 'vitest';
import { UserError } from '../../src/errors.js';

/** The full text of the UserError `fn` throws (message and detail lines). */
export function problems(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return [(e as UserError).message, ...(e as UserError).details].join('\n');
  }
  throw new Error('expected a UserError');
}
