/**
 * API rules the spec (17.12.1) states only in prose, so no JSON Schema keyword carries them.
 * One implementation for both sides: `sunco validate` reports them at the config line
 * (src/config/spec-rules.ts) and the emulator answers 400 for them
 * (src/emulator/provisioning/prose-rules.ts). Each function takes an API-shaped body and
 * returns the problems found, naming the field to point at.
 */

export interface ProseProblem {
  /** The field of the body the problem is about (where an error should point). */
  field: string;
  message: string;
}

type Body = Record<string, unknown>;
const present = (b: Body, k: string) => b[k] !== undefined && b[k] !== null;

/**
 * Rules of an integration create body, per type. `has` says whether a field is set (a config
 * whose value is an unset variable still sets it); `known` whether its value can be checked.
 */
export function integrationCreateProblems(type: string, body: Body, known: (field: string) => boolean = () => true): ProseProblem[] {
  const out: ProseProblem[] = [];
  if (type === 'twilio' && !present(body, 'phoneNumberSid') && !present(body, 'messagingServiceSid')) {
    // twilio.phoneNumberSid / messagingServiceSid: "One of `messagingServiceSid` or `phoneNumberSid` must be provided when creating a Twilio integration."
    out.push({ field: '', message: 'a twilio integration needs phoneNumberSid or messagingServiceSid (the spec: one of them must be provided)' });
  }
  if (type === 'mailgun' && typeof body.incomingAddress === 'string' && typeof body.domain === 'string' && known('incomingAddress') && known('domain')) {
    // mailgun: "the incoming address you would like to use. Must have the same domain as the one specified in the domain parameter."
    const at = body.incomingAddress.lastIndexOf('@');
    const domain = at < 0 ? '' : body.incomingAddress.slice(at + 1);
    if (domain.toLowerCase() !== body.domain.toLowerCase()) {
      out.push({ field: 'incomingAddress', message: `incomingAddress must be an address on the domain ${body.domain} (the spec: it must have the same domain as "domain")` });
    }
  }
  if (type === 'line' && present(body, 'channelId') !== present(body, 'channelSecret')) {
    // line.channelId / channelSecret: "Can be omitted along with `channelSecret`" (and the reverse): both or neither.
    const missing = present(body, 'channelId') ? 'channelSecret' : 'channelId';
    out.push({ field: missing === 'channelSecret' ? 'channelId' : 'channelSecret', message: `channelId and channelSecret go together: set ${missing} too, or neither (the spec: they are omitted together)` });
  }
  return out.concat(integrationValueProblems(type, body, known));
}

/** Rules that hold for create and update bodies alike. */
export function integrationValueProblems(type: string, body: Body, known: (field: string) => boolean = () => true): ProseProblem[] {
  const out: ProseProblem[] = [];
  if (type === 'web' && Array.isArray(body.originWhitelist)) {
    body.originWhitelist.forEach((o, i) => {
      if (typeof o === 'string' && known(`originWhitelist.${i}`) && !isOrigin(o)) {
        out.push({ field: `originWhitelist.${i}`, message: `originWhitelist entry "${o}" is not an origin: scheme://host[:port] with http or https, no path` });
      }
    });
  }
  return out;
}

/**
 * web.originWhitelist: "The elements in the list should follow the serialized-origin format
 * from RFC 6454: scheme "://" host [ ":" port ], where scheme is http or https."
 */
export function isOrigin(s: string): boolean {
  if (!/^https?:\/\/[^/?#@\s]+$/i.test(s)) return false;
  try {
    const u = new URL(s);
    return u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * appSettings.endSessionEnabled / disableConversationReopen: "`multiConvo` is required to
 * enable". `settings` are the settings in effect after the request (what the app holds, with
 * the body's fields applied over them).
 */
export function settingsProblems(settings: Body): ProseProblem[] {
  const out: ProseProblem[] = [];
  for (const k of ['endSessionEnabled', 'disableConversationReopen']) {
    if (settings[k] === true && settings.multiConvoEnabled !== true) {
      out.push({ field: k, message: `${k} needs multiConvoEnabled: true (the spec: multiConvo is required to enable it)` });
    }
  }
  return out;
}

/** metadata: "Strings, numbers and booleans are the only supported format that can be passed to metadata." */
export function metadataProblems(metadata: unknown): ProseProblem[] {
  if (metadata === null || typeof metadata !== 'object') return [];
  return Object.entries(metadata as Body)
    .filter(([, v]) => !['string', 'number', 'boolean'].includes(typeof v))
    .map(([k]) => ({ field: k, message: `metadata value "${k}" must be a string, number or boolean` }));
}

/**
 * Counts the spec's tag descriptions limit: App Keys "An app can have a maximum of 10 keys",
 * CustomIntegrationApiKeys "An integration can have a maximum of 10 keys", Webhooks "An app
 * is limited to 10 webhooks", Switchboard Integrations "A switchboard is limited to 10".
 */
export const LIMITS = { appKeys: 10, integrationKeys: 10, webhooksPerApp: 10, switchboardIntegrations: 10 } as const;
