/**
 * Every webhook trigger of the spec's "Webhook Triggers" table. The spec's schema leaves
 * `triggers` a plain string array (components.schemas.triggers), so the list is transcribed:
 * the config schema and the emulator both check against it.
 */
export const WEBHOOK_TRIGGERS = [
  'client:add', 'client:remove', 'client:update',
  'conversation:create', 'conversation:join', 'conversation:leave', 'conversation:remove',
  'conversation:message', 'conversation:message:delivery:channel', 'conversation:message:delivery:failure',
  'conversation:message:delivery:user', 'conversation:postback', 'conversation:read', 'conversation:referral',
  'conversation:typing', 'passthrough:messaging',
  'switchboard:acceptControl', 'switchboard:acceptControl:failure', 'switchboard:offerControl',
  'switchboard:offerControl:failure', 'switchboard:passControl', 'switchboard:passControl:failure',
  'switchboard:releaseControl', 'user:merge', 'user:update', 'user:remove',
] as const;
