import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from '../../../src/emulator/operations/multipart.js';

describe('multipart parser', () => {
  it('reads the boundary, quoted or not, only from multipart/form-data', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeUndefined();
  });

  it('keeps binary content byte for byte, including CRLF inside the file', () => {
    const data = Buffer.from([0, 13, 10, 45, 45, 255, 1]);
    const body = Buffer.concat([
      Buffer.from('--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'),
      Buffer.from('--b\r\nContent-Disposition: form-data; name="source"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      data,
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const parts = parseMultipart(body, 'b');
    expect(parts.map((p) => p.name)).toEqual(['note', 'source']);
    expect(parts[0]!.data.toString()).toBe('hello');
    expect(parts[1]).toMatchObject({ filename: 'x.bin', contentType: 'application/octet-stream' });
    expect(Buffer.compare(parts[1]!.data, data)).toBe(0);
  });

  it('throws on an unterminated body', () => {
    expect(() => parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'), 'b')).toThrow(/unterminated/);
  });
});
