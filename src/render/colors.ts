/** ANSI colours for plan symbols; identity functions when colour is off (not a TTY, NO_COLOR). */
export interface Palette {
  green(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
  magenta(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string): string => `\u001b[${open}m${s}\u001b[${close}m`;

export function palette(color: boolean): Palette {
  if (!color) {
    const id = (s: string): string => s;
    return { green: id, yellow: id, red: id, magenta: id, dim: id, bold: id };
  }
  return { green: wrap(32, 39), yellow: wrap(33, 39), red: wrap(31, 39), magenta: wrap(35, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
