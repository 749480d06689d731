/**
 * The spec's prose rules (src/resources/prose-rules.ts, the same functions `sunco validate`
 * applies to a config) as the API's answer: 400 bad_request naming the field.
 */
import { integrationCreateProblems, integrationValueProblems, settingsProblems, type ProseProblem } from '../../resources/prose-rules.js';
import { HttpError } from '../route.js';

function refuse(problems: ProseProblem[]): void {
  const p = problems[0];
  if (p) throw new HttpError(400, 'bad_request', p.message);
}

/** An integration body: create bodies get the create-only rules too (twilio sender, mailgun domain, LINE pair). */
export function checkIntegrationProse(type: string, body: Record<string, unknown>, op: 'create' | 'update'): void {
  refuse(op === 'create' ? integrationCreateProblems(type, body) : integrationValueProblems(type, body));
}

/** The app's settings as they would be after the request (stored settings with the body's applied over them). */
export function checkSettingsProse<T extends Record<string, unknown>>(effective: T): T {
  refuse(settingsProblems(effective));
  return effective;
}
