/**
 * Live objects that sunco should not delete or replace because Zendesk owns them or the API
 * cannot delete them. Export marks them `protect: true`, with a comment saying why.
 *
 * - SDK integrations (android, ios, unity, web) configured in Zendesk Admin Center cannot be
 *   deleted with the API (spec, Integrations tag: "An SDK integration configured on Admin
 *   Center cannot be deleted with the API"; 400 "SDK integrations configured on Admin Center
 *   cannot be deleted"). Nothing in a GET tells them apart, so they are marked where Admin
 *   Center exists: accounts reached with app-scoped keys, which Zendesk Suite customers
 *   create there (RESOURCES.md "Who holds which key").
 * - Switchboard integrations of a `zd:` integrationType (zd:agentWorkspace, zd:answerBot)
 *   route to Zendesk's own products.
 */
import type { KindName } from './kind-name.js';
import type { Raw } from './types.js';

export const SDK_INTEGRATION_TYPES: readonly string[] = ['android', 'ios', 'unity', 'web'];

export interface ManagedContext {
  /** The credentials are app-scoped (app_ key): a Zendesk Suite account, with Admin Center. */
  appScoped: boolean;
}

/** Why this live object is Zendesk's to manage, or undefined when it is an ordinary one. */
export function zendeskManaged(kind: KindName, raw: Raw, ctx: ManagedContext): string | undefined {
  if (kind === 'integration' && ctx.appScoped && typeof raw.type === 'string' && SDK_INTEGRATION_TYPES.includes(raw.type)) {
    return 'An SDK integration: if it was configured in Zendesk Admin Center, the API cannot delete it. protect: true keeps a plan from deleting or replacing it.';
  }
  if (kind === 'switchboard-integration' && typeof raw.integrationType === 'string' && raw.integrationType.startsWith('zd:')) {
    return `Routes to ${raw.integrationType}, which Zendesk manages. protect: true keeps a plan from deleting or replacing it.`;
  }
  return undefined;
}
