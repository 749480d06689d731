/**
 * Per-type rules the spec states in field descriptions rather than in schema keywords, so ajv
 * cannot check them. Applied to create and update bodies alike (the update schemas repeat
 * the same descriptions).
 */
import { HttpError } from '../route.js';
import { checkIntegrationProse } from './prose-rules.js';

/** web / webUpdate: brandColor, conversationColor, actionColor "Must be a 3 or 6-character hexadecimal color". */
const WEB_COLORS = ['brandColor', 'conversationColor', 'actionColor'];
/** web / webUpdate: displayStyle "Must be either button or tab". */
const DISPLAY_STYLES = ['button', 'tab'];

export function checkTypeRules(type: string, body: Record<string, unknown>, op: 'create' | 'update' = 'update'): void {
  checkIntegrationProse(type, body, op);
  if (type !== 'web') return;
  for (const name of WEB_COLORS) {
    const v = body[name];
    if (typeof v === 'string' && !/^(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(v)) {
      throw new HttpError(400, 'bad_request', `${name} must be a 3 or 6-character hexadecimal color`);
    }
  }
  if (typeof body.displayStyle === 'string' && !DISPLAY_STYLES.includes(body.displayStyle)) {
    throw new HttpError(400, 'bad_request', 'displayStyle must be either button or tab');
  }
}
