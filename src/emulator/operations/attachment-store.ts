/**
 * The app's uploaded attachments, as the other operations see them. The Attachments tag
 * ("Attachments for Messages"): with `for=message`, "Sunshine Conversations will safely delete
 * the attachment when the message, conversation or user is deleted".
 */
import type { AppOperations, AttachmentRecord, MessageRecord } from './state.js';

/** Attachments are matched by URL path, so that localhost and 127.0.0.1 name the same emulator. */
export function mediaPath(url: string): string | undefined {
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

export function findAttachment(ops: AppOperations, url: unknown): AttachmentRecord | undefined {
  const path = typeof url === 'string' ? mediaPath(url) : undefined;
  return path === undefined ? undefined : ops.attachments.find((a) => mediaPath(a.mediaUrl) === path);
}

/** Media URLs a message uses: its own (image, file) and its carousel or list items'. */
function mediaUrls(m: MessageRecord): string[] {
  const c = m.content as { mediaUrl?: unknown; items?: { mediaUrl?: unknown }[] };
  return [c.mediaUrl, ...(c.items ?? []).map((i) => i.mediaUrl)].filter((u): u is string => typeof u === 'string');
}

/**
 * Deletes the `for=message` attachments that the deleted messages used and, when a whole
 * conversation goes, those uploaded for it.
 */
export function releaseAttachments(ops: AppOperations, deleted: { messages: MessageRecord[]; conversationId?: string }): void {
  const used = new Set(deleted.messages.flatMap(mediaUrls).map(mediaPath));
  ops.attachments = ops.attachments.filter(
    (a) => !((a.forMessage === true && used.has(mediaPath(a.mediaUrl))) || (deleted.conversationId !== undefined && a.conversationId === deleted.conversationId)),
  );
}
