/**
 * Config and variable files must be valid UTF-8. Reading them with `readFile(p, 'utf8')`
 * silently turns a stray byte into U+FFFD, which would then be sent to the API as part of a
 * name or a token. Files are read as bytes instead; an invalid byte is refused with its
 * line and column, never replaced.
 */

export type Decoded = { text: string } | { error: { offset: number; line: number; column: number; byte: number } };

/** Fast path: the WHATWG decoder in fatal mode; the slow scan runs only to find the position. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    const before = bytes.subarray(0, offset);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    let line = 1;
    for (const b of before) if (b === 0x0a) line += 1;
    // Columns count characters (as the YAML parser does), so decode the valid part of the line.
    const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
    return { error: { offset, line, column, byte: bytes[offset] ?? 0 } };
  }
}

/**
 * Offset of the first byte that does not start a well-formed sequence
 * (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i += 1;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (d === undefined || d < min || d > max) return i;
    }
    i += n + 1;
  }
  return b.length;
}
