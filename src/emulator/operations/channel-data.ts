/**
 * The two conversation operations that hand data to or from a third-party channel (spec tag
 * "Conversations"): DownloadMessageRef (`POST .../download`, Apple only) and
 * PostConversionEvents (`POST .../conversionEvents`, Meta channels). The emulator talks to
 * neither Apple nor Meta: it checks what the API can check locally (the body, the
 * conversation, the user, that the app has such a channel) and answers the spec's shapes.
 */
import { createHash } from 'node:crypto';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { bodyObject, conversationOf, requireUserRef } from './records.js';
import { assertSchema } from './spec-schemas.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

/** conversionEventsBody's oneOf branches, one per Meta channel (each a metaConversionEvent). */
const META_CHANNELS = ['messenger', 'instagram', 'whatsapp'] as const;

function requireChannel(store: EmulatorStore, appId: string, type: string): { id: string } {
  const integ = store.state.provisioning.apps.find((a) => a.id === appId)?.integrations.find((i) => i.type === type);
  if (!integ) throw new HttpError(400, 'bad_request', `This app has no ${type} integration`);
  return integ;
}

export function channelDataRoutes(store: EmulatorStore): Route[] {
  return [
    {
      // "Currently, only apple channel is supported": the ref is Apple's interactiveDataRef.
      method: 'POST',
      pattern: '/v2/apps/:appId/conversations/:conversationId/download',
      scopes: SCOPES,
      handler: (req) => {
        const { ops } = conversationOf(store, req);
        const body = bodyObject(req);
        assertSchema('downloadMessageRefBody', body, '');
        requireUserRef(ops, { userId: body.userId });
        if (body.apple === undefined) throw new HttpError(400, 'bad_request', 'apple is required: only the apple channel is supported');
        requireChannel(store, req.params.appId ?? '', 'apple');
        // 200 with the downloaded data; nothing is downloaded here (spec example: emptyResponse).
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/conversations/:conversationId/conversionEvents',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        conversationOf(store, req);
        const body = bodyObject(req);
        // The oneOf branches require nothing, so every object would match all three: exactly
        // one channel key is checked here, its value against metaConversionEvent.
        const given = META_CHANNELS.filter((k) => body[k] !== undefined);
        const channel = given[0];
        if (given.length !== 1 || !channel) throw new HttpError(400, 'bad_request', `Exactly one of ${META_CHANNELS.join(', ')} is required`);
        assertSchema('metaConversionEvent', body[channel], channel);
        const integ = requireChannel(store, req.params.appId ?? '', channel);
        const events = (body[channel] as { payload: { data: unknown[] } }).payload.data;
        // components.schemas.conversionEvents: datasetId is a string; a stable one per integration.
        const datasetId = BigInt(`0x${createHash('sha256').update(integ.id).digest('hex').slice(0, 13)}`).toString();
        return { status: 200, body: { conversionEvents: { datasetId, eventsReceived: events.length } } };
      },
    },
  ];
}
