/**
 * The order of a help page. yargs prints option groups in the order the builders declared
 * them, so the ten connection flags (added first by every builder) came before a command's
 * own flags. This puts the page in the order a reader needs: usage and description,
 * subcommands, positionals, the command's own flags, then Connection, then the global flags,
 * then the examples.
 */

export const CONNECTION_HEADING = 'Connection:';
export const GLOBAL_HEADING = 'Global:';

/** A group starts with a heading line at column 0 ending in ':' ("Options:", "Markdown (PR comment):"). */
function heading(section: string): string | undefined {
  const first = section.split('\n')[0]!;
  return /^\S.*:$/.test(first) && !first.includes('  ') ? first : undefined;
}

function rank(h: string | undefined, index: number, firstGroup: number): number {
  if (h === undefined) return index < firstGroup ? 0 : 8;
  if (h === 'Commands:') return 1;
  if (h === 'Positionals:') return 2;
  if (h === CONNECTION_HEADING) return 5;
  if (h === GLOBAL_HEADING) return 6;
  if (h === 'Examples:') return 7;
  return h === 'Options:' ? 3 : 4;
}

export function reorderHelp(text: string): string {
  const sections = text.replace(/\n+$/, '').split(/\n{2,}/);
  const headings = sections.map(heading);
  const firstGroup = headings.findIndex((h) => h !== undefined);
  if (firstGroup < 0) return text;
  const ordered = sections
    .map((s, i) => ({ s, i, r: rank(headings[i], i, firstGroup) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.s);
  return `${ordered.join('\n\n')}\n`;
}
