/**
 * sunco attachments upload FILE [--conversation ID] | remove URL
 *
 * UploadAttachment takes multipart/form-data with one `source` file part and the query
 * `access=public` (required; the only level there is) and, for message attachments,
 * `for=message&conversationId=...` so that deleting the conversation deletes the file.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { UserError } from '../../../errors.js';
import { noun, verb, yesOption } from './define.js';

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  mp4: 'video/mp4',
  mp3: 'audio/mpeg',
};

export function mediaTypeOf(file: string): string {
  const ext = /\.([^.]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

export function multipartBody(filename: string, data: Buffer): { data: Buffer; contentType: string } {
  const boundary = `sunco-${randomBytes(12).toString('hex')}`;
  const safeName = filename.replace(/["\r\n]/g, '_');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="source"; filename="${safeName}"\r\nContent-Type: ${mediaTypeOf(filename)}\r\n\r\n`;
  return {
    data: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export const attachmentsCommand = noun('attachments', 'Upload and remove attachments (files for image and file messages)', [
  verb({
    command: 'upload <file>',
    describe: 'Upload a file; prints its mediaUrl',
    builder: (y) =>
      y
        .positional('file', { type: 'string', demandOption: true, describe: 'File to upload' })
        .option('conversation', { alias: 'c', type: 'string', describe: 'Conversation the file is for (deleted with it)' }),
    run: async (ctx, argv) => {
      const { readFile } = await import('node:fs/promises');
      const { resolve } = await import('node:path');
      let data: Buffer;
      try {
        data = await readFile(resolve(ctx.io.cwd, argv.file));
      } catch (err) {
        throw new UserError(`Cannot read ${argv.file}: ${(err as Error).message}`);
      }
      const query = { access: 'public', ...(argv.conversation ? { for: 'message', conversationId: argv.conversation } : {}) };
      const res = await ctx.client.request<{ attachment: Record<string, unknown> }>('POST', await ctx.appPath('attachments'), {
        query,
        rawBody: multipartBody(basename(argv.file), data),
      });
      ctx.printItem(res.body.attachment);
    },
  }),
  verb({
    command: 'remove <url>',
    describe: 'Remove an uploaded attachment by its mediaUrl (confirms unless --yes)',
    builder: (y) => yesOption(y.positional('url', { type: 'string', demandOption: true, describe: 'The mediaUrl upload answered' })),
    run: async (ctx, argv) => {
      const path = await ctx.appPath('attachments', 'remove');
      await ctx.confirm(`Remove attachment ${argv.url}?`, argv.yes);
      await ctx.client.post(path, { mediaUrl: argv.url });
      ctx.done({ mediaUrl: argv.url, removed: true }, `Removed ${argv.url}.`);
    },
  }),
]);
