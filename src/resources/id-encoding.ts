/**
 * How sunco's bookkeeping writes a live id compactly (bindings.ts, sensitive-record.ts): a
 * 24-hex id (a SunCo ObjectId) as 16 base64url characters, any other id as `~` + its URI
 * encoding. A leaf module: the API client's --debug log reads records through it, and must
 * not load more than it needs (test/cli/startup-imports.test.ts).
 */

const HEX_ID = /^[0-9a-f]{24}$/;

export function encodeId(id: string): string {
  return HEX_ID.test(id) ? Buffer.from(id, 'hex').toString('base64url') : `~${encodeURIComponent(id)}`;
}

export function decodeId(s: string): string | undefined {
  if (s.startsWith('~')) {
    try {
      return decodeURIComponent(s.slice(1));
    } catch {
      return undefined;
    }
  }
  return /^[A-Za-z0-9_-]{16}$/.test(s) ? Buffer.from(s, 'base64url').toString('hex') : undefined;
}
