/**
 * Schema keywords for rules the spec states in prose (field and tag descriptions), added to
 * the spec-derived constraints (spec-constraints.ts) so editors show them too. Rules that
 * span fields (twilio's sender, mailgun's domain, LINE's pair, multiConvo) are checked on the
 * loaded config by spec-rules.ts. Keyed by schema definition, then field ('' = the definition).
 */
import { LIMITS } from '../resources/prose-rules.js';

type Schema = Record<string, unknown>;

const HEX_COLOR = { pattern: '^([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' };

/** RFC 6454 serialized origin, as web.originWhitelist asks; resources/prose-rules.ts isOrigin is the same rule. */
export const ORIGIN_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@\\s]+$';

export const PROSE_SCHEMA_RULES: Record<string, Record<string, Schema>> = {
  'integration-web': {
    // web / webUpdate: colours "Must be a 3 or 6-character hexadecimal color"; displayStyle "Can be either `button` or `tab`".
    brandColor: HEX_COLOR,
    conversationColor: HEX_COLOR,
    actionColor: HEX_COLOR,
    displayStyle: { enum: ['button', 'tab'] },
    // web.originWhitelist: "should follow the serialized-origin format from RFC 6454".
    originWhitelist: { items: { type: 'string', pattern: ORIGIN_PATTERN } },
  },
  'integration-custom': {
    keys: { maxProperties: LIMITS.integrationKeys },
    webhooks: { maxProperties: LIMITS.webhooksPerApp },
  },
  app: { keys: { maxProperties: LIMITS.appKeys } },
  // metadata: "Strings, numbers and booleans are the only supported format" (no null, no nesting).
  metadata: { '': { additionalProperties: { type: ['string', 'number', 'boolean'] }, description: 'Flat app metadata: string, number or boolean values; at most 4096 bytes as JSON.' } },
};
