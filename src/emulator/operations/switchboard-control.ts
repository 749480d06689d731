/**
 * Switchboard actions on a conversation: passControl, offerControl, acceptControl and
 * releaseControl (spec tag "Switchboard Actions"). The conversation keeps the ids of its
 * active and pending switchboard integrations (components.schemas.conversationTruncated).
 */
import { HttpError, type EmuRequest, type Route } from '../route.js';
import type { EmulatorStore, SwitchboardIntegrationView } from '../store.js';
import { conversationOf, bodyObject, checkMetadata } from './records.js';
import { assertSchema } from './spec-schemas.js';
import type { ConversationRecord } from './state.js';
import { controlChanged } from './webhook-events.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

/**
 * passControlBody.switchboardIntegration: "May be referenced by its `id`, `name`, or
 * `integrationType`, in that order of precedence. In case of ambiguity ... an error will be
 * raised. The `next` keyword may also be used" (the active one's nextSwitchboardIntegrationId).
 */
function resolveTarget(sbis: SwitchboardIntegrationView[], conv: ConversationRecord, ref: string): SwitchboardIntegrationView {
  if (sbis.length === 0) throw new HttpError(404, 'switchboard_not_found', 'Switchboard not found');
  if (ref === 'next') {
    const active = sbis.find((s) => s.id === conv.activeSwitchboardIntegrationId);
    const next = active?.nextSwitchboardIntegrationId && sbis.find((s) => s.id === active.nextSwitchboardIntegrationId);
    if (!next) throw new HttpError(400, 'bad_request', 'No next switchboard integration is configured for the active switchboard integration');
    return next;
  }
  const byId = sbis.find((s) => s.id === ref);
  if (byId) return byId;
  const byName = sbis.find((s) => s.name === ref);
  if (byName) return byName;
  const byType = sbis.filter((s) => s.integrationType === ref);
  if (byType.length > 1) throw new HttpError(400, 'bad_request', `Ambiguous switchboardIntegration ${ref}: ${byType.length} switchboard integrations match`);
  if (byType[0]) return byType[0];
  throw new HttpError(404, 'switchboard_integration_not_found', 'Switchboard integration not found');
}

/** With integration scope, only the integration behind `sbiId` may act (releaseControl, acceptControl: 403). */
function requireOwnIntegration(req: EmuRequest, sbis: SwitchboardIntegrationView[], sbiId: string | undefined): void {
  if (req.principal.scope !== 'integration') return;
  const sbi = sbis.find((s) => s.id === sbiId);
  if (!sbi || sbi.integrationId !== req.principal.integrationId) throw new HttpError(403, 'forbidden', 'Forbidden');
}

type Action = (req: EmuRequest, conv: ConversationRecord, sbis: SwitchboardIntegrationView[], body: Record<string, unknown>) => void;

const actions: Record<string, { schema?: string; bodyOptional?: boolean; run: Action }> = {
  passControl: {
    schema: 'passControlBody',
    run: (_req, conv, sbis, body) => {
      conv.activeSwitchboardIntegrationId = resolveTarget(sbis, conv, body.switchboardIntegration as string).id;
      delete conv.pendingSwitchboardIntegrationId;
    },
  },
  offerControl: {
    schema: 'offerControlBody',
    run: (_req, conv, sbis, body) => {
      const target = resolveTarget(sbis, conv, body.switchboardIntegration as string);
      // offerControlBody: "This cannot match the active switchboard integration."
      if (target.id === conv.activeSwitchboardIntegrationId) {
        throw new HttpError(400, 'bad_request', 'Cannot offer control to the active switchboard integration');
      }
      conv.pendingSwitchboardIntegrationId = target.id;
    },
  },
  acceptControl: {
    schema: 'acceptControlBody',
    run: (req, conv, sbis) => {
      const pending = sbis.find((s) => s.id === conv.pendingSwitchboardIntegrationId);
      if (!pending) throw new HttpError(400, 'bad_request', 'No switchboard integration is pending control of the conversation');
      requireOwnIntegration(req, sbis, pending.id);
      conv.activeSwitchboardIntegrationId = pending.id;
      delete conv.pendingSwitchboardIntegrationId;
    },
  },
  releaseControl: {
    schema: 'releaseControlBody',
    bodyOptional: true,
    run: (req, conv, sbis) => {
      requireOwnIntegration(req, sbis, conv.activeSwitchboardIntegrationId);
      delete conv.activeSwitchboardIntegrationId;
      delete conv.pendingSwitchboardIntegrationId;
    },
  },
};

export function switchboardControlRoutes(store: EmulatorStore): Route[] {
  return Object.entries(actions).map(([name, action]) => ({
    method: 'POST' as const,
    pattern: `/v2/apps/:appId/conversations/:conversationId/${name}`,
    scopes: SCOPES,
    mutates: true,
    handler: (req: EmuRequest) => {
      const { conv } = conversationOf(store, req);
      const body = bodyObject(req, action.bodyOptional);
      if (action.schema) assertSchema(action.schema, body, '');
      const metadata = checkMetadata(body.metadata);
      action.run(req, conv, store.switchboardIntegrations(req.params.appId ?? ''), body);
      store.touch();
      controlChanged(store, req.params.appId ?? '', conv, name, metadata);
      return { status: 200, body: {} };
    },
  }));
}
