/**
 * A small multipart/form-data parser (RFC 7578), enough for UploadAttachment's single
 * `source` file part. Works on the whole body buffer, which the core has already read.
 */

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function parseHeaders(block: string): { name?: string; filename?: string; contentType?: string } {
  const out: { name?: string; filename?: string; contentType?: string } = {};
  for (const line of block.split('\r\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    if (key === 'content-disposition') {
      out.name = /;\s*name="([^"]*)"/i.exec(value)?.[1];
      out.filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1];
    } else if (key === 'content-type') {
      out.contentType = value;
    }
  }
  return out;
}

/** The parts of a multipart body; throws Error on a malformed body (the caller answers 400). */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    const headerStart = body.indexOf('\r\n', pos) + 2;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerStart < 2 || headerEnd < 0) throw new Error('malformed multipart part headers');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd);
    if (next < 0) throw new Error('unterminated multipart body');
    const headers = parseHeaders(body.subarray(headerStart, headerEnd).toString('utf8'));
    if (headers.name === undefined) throw new Error('multipart part without a name');
    parts.push({ name: headers.name, filename: headers.filename, contentType: headers.contentType, data: body.subarray(headerEnd + 4, next) });
    pos = next + 2;
  }
  return parts;
}
