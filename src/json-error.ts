/**
 * Why JSON.parse failed, without the excerpt of the text that V8 quotes in its message
 * (`Unexpected token 'S', "{"a": SUPERSECRE"... is not valid JSON`): the text may be a secrets
 * file or an emulator state file, and an excerpt of it would print a secret.
 */
export function jsonErrorWhere(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(message);
  if (at) return at[2] ? `invalid JSON at line ${at[2]} column ${at[3]}` : `invalid JSON at position ${at[1]}`;
  if (/Unexpected end of JSON input/.test(message)) return 'invalid JSON: it ends too early';
  return 'invalid JSON';
}
