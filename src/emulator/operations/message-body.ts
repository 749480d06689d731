/**
 * Turns a PostMessage body (components.schemas.messagePost) into the stored message's
 * author and content, rejecting what the spec rejects.
 */
import { HttpError } from '../route.js';
import { findAttachment } from './attachment-store.js';
import { checkMetadata, compact, requireUserRef } from './records.js';
import { assertSchema, contentTypes } from './spec-schemas.js';
import type { AppOperations, Metadata } from './state.js';

export interface ParsedMessage {
  author: Record<string, unknown>;
  content: Record<string, unknown>;
  metadata?: Metadata;
  authorUserId?: string;
}

function parseAuthor(ops: AppOperations, raw: unknown): { author: Record<string, unknown>; userId?: string } {
  assertSchema('author', raw, 'author');
  const a = raw as Record<string, unknown>;
  const common = { displayName: a.displayName, avatarUrl: a.avatarUrl, subtypes: a.subtypes };
  if (a.type === 'user') {
    const user = requireUserRef(ops, a);
    // userExternalId and brandId are writeOnly (components.schemas.author): the message shows userId.
    return { author: compact({ type: 'user', userId: user.id, ...common }), userId: user.id };
  }
  if (a.userId !== undefined || a.userExternalId !== undefined) {
    throw new HttpError(400, 'bad_request', 'author.userId and author.userExternalId are only supported when author.type is user');
  }
  return { author: compact({ type: 'business', ...common }) };
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '').trim();
}

/** textMessage: `text` "Required unless `actions`, `htmlText` or `markdownText` is provided"; htmlText and markdownText exclude each other. */
function checkText(c: Record<string, unknown>): void {
  const has = (k: string) => c[k] !== undefined;
  if (!has('text') && !has('actions') && !has('htmlText') && !has('markdownText')) {
    throw new HttpError(400, 'bad_request', 'content.text is required unless actions, htmlText or markdownText is provided');
  }
  if (has('htmlText') && has('markdownText')) throw new HttpError(400, 'bad_request', 'content.htmlText cannot be used with content.markdownText');
  if (c.text === '' && !has('actions')) throw new HttpError(400, 'bad_request', 'content.text must not be empty');
}

/**
 * components.schemas.field: a field's `name` "Must be unique per form"; formOptions: an
 * option's `name` "Must be unique per field".
 */
function checkFormNames(c: Record<string, unknown>): void {
  const unique = (names: unknown[], where: string) => {
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) throw new HttpError(400, 'bad_request', `${where}: name ${String(dup)} is used twice`);
  };
  const fields = (c.fields as Record<string, unknown>[] | undefined) ?? [];
  unique(fields.map((f) => f.name), 'content.fields');
  fields.forEach((f, i) => unique(((f.options as Record<string, unknown>[] | undefined) ?? []).map((o) => o.name), `content.fields.${i}.options`));
}

function parseContent(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new HttpError(400, 'bad_request', 'content must be an object');
  const c = { ...(raw as Record<string, unknown>) };
  if (typeof c.type !== 'string') throw new HttpError(400, 'bad_request', 'content.type is required');
  if (!contentTypes().includes(c.type)) throw new HttpError(400, 'bad_request', `Unsupported content type: ${c.type}`);
  // formResponseMessage: "only supported as responses to form messages on Web Messenger and cannot be sent via the API".
  if (c.type === 'formResponse') throw new HttpError(400, 'bad_request', 'formResponse messages cannot be sent via the API');
  assertSchema('content', c, 'content');
  if (c.type === 'text') checkText(c);
  if (c.type === 'form') checkFormNames(c);
  // markdownText is writeOnly: the API keeps a rendering of it (here, the source as is).
  if (c.markdownText !== undefined) {
    if (c.htmlText === undefined) c.htmlText = c.markdownText;
    delete c.markdownText;
  }
  if (c.text === undefined && typeof c.htmlText === 'string' && ['text', 'file', 'image'].includes(c.type)) c.text = stripTags(c.htmlText);
  return c;
}

export function parseMessagePost(ops: AppOperations, body: Record<string, unknown>): ParsedMessage {
  if (body.author === undefined) throw new HttpError(400, 'bad_request', 'author is required');
  if (body.content === undefined) throw new HttpError(400, 'bad_request', 'content is required');
  const { author, userId } = parseAuthor(ops, body.author);
  const content = parseContent(body.content);
  // fileMessage / imageMessage: mediaType and mediaSize are readOnly, filled in by the API
  // from the uploaded attachment.
  const attachment = findAttachment(ops, content.mediaUrl);
  if (attachment && (content.type === 'file' || content.type === 'image')) {
    content.mediaType = attachment.mediaType;
    content.mediaSize = attachment.size;
  }
  const metadata = checkMetadata(body.metadata);
  return { author, content, metadata, authorUserId: userId };
}
