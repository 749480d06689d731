/**
 * The first line of a yaml parse error, in words a user can act on. The yaml parser recurses
 * once per nesting level and reports a blown stack as RESOURCE_EXHAUSTION with Node's own
 * "Maximum call stack size exceeded", which reads like a crash.
 */
import type { YAMLError } from 'yaml';

export const TOO_DEEP_MESSAGE = 'nested too deeply to parse (a sunco config needs a few levels of nesting, not hundreds)';

export function yamlErrorMessage(e: YAMLError): string {
  return e.code === 'RESOURCE_EXHAUSTION' ? TOO_DEEP_MESSAGE : (e.message.split('\n')[0] ?? e.message);
}
