/**
 * Attachments: UploadAttachment (multipart/form-data, one `source` file) and
 * DeleteAttachment (`POST .../attachments/remove` with `{mediaUrl}`), spec tag "Attachments".
 * The emulator keeps no file content, only what it answered; media URLs point below
 * `{emulator}/media/apps/{appId}/` and are not served.
 */
import { randomBytes } from 'node:crypto';
import { HttpError, type Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { findAttachment, mediaPath } from './attachment-store.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { appOps, bodyObject } from './records.js';
import { assertSchema } from './spec-schemas.js';

const SCOPES: Route['scopes'] = ['account', 'app', 'integration'];

export function attachmentRoutes(store: EmulatorStore): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/attachments',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const appId = req.params.appId ?? '';
        const ops = appOps(store, appId);
        // accessQuery is required; "Currently the only available access level is public."
        const access = req.query.get('access');
        if (access !== 'public') throw new HttpError(400, 'bad_request', 'access must be public');
        const purpose = req.query.get('for');
        if (purpose !== null && purpose !== 'message') throw new HttpError(400, 'bad_request', 'for must be message');
        const conversationId = req.query.get('conversationId') ?? undefined;
        if (conversationId !== undefined && !ops.conversations.some((c) => c.id === conversationId)) {
          throw new HttpError(400, 'bad_request', `Conversation ${conversationId} not found`);
        }
        const boundary = boundaryOf(req.headers['content-type']);
        if (!boundary) throw new HttpError(400, 'bad_request', 'Attachments are uploaded as multipart/form-data');
        let parts;
        try {
          parts = parseMultipart(req.rawBody, boundary);
        } catch (err) {
          throw new HttpError(400, 'bad_request', `Malformed multipart body: ${(err as Error).message}`);
        }
        // attachmentUploadBody: `source` (binary) is required.
        const source = parts.find((p) => p.name === 'source' && p.filename !== undefined);
        if (!source) throw new HttpError(400, 'bad_request', 'source is required');
        const file = encodeURIComponent(source.filename || 'file');
        const folder = conversationId ? `conversations/${conversationId}/` : '';
        const mediaUrl = `${req.baseUrl}/media/apps/${appId}/${folder}${randomBytes(12).toString('base64url')}/${file}`;
        const mediaType = source.contentType ?? 'application/octet-stream';
        ops.attachments.push({ mediaUrl, mediaType, size: source.data.length, conversationId, ...(purpose === 'message' ? { forMessage: true } : {}) });
        store.touch();
        return { status: 201, body: { attachment: { mediaUrl, mediaType } } };
      },
    },
    {
      method: 'POST',
      pattern: '/v2/apps/:appId/attachments/remove',
      scopes: SCOPES,
      mutates: true,
      handler: (req) => {
        const appId = req.params.appId ?? '';
        const ops = appOps(store, appId);
        const body = bodyObject(req);
        assertSchema('attachmentDeleteBody', body, '');
        const url = body.mediaUrl as string;
        if (!mediaPath(url)?.startsWith(`/media/apps/${appId}/`)) {
          throw new HttpError(400, 'bad_request', `Unsupported media URL for attachment deletion: ${url}`);
        }
        const found = findAttachment(ops, url);
        if (!found) throw new HttpError(404, 'not_found', 'Attachment not found');
        ops.attachments = ops.attachments.filter((a) => a !== found);
        store.touch();
        return { status: 200, body: {} };
      },
    },
  ];
}
