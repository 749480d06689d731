/**
 * One line per finished step: `address  operation  result  (time ms)`. Colour only when the
 * caller says so (useColor: a TTY and no NO_COLOR). Never prints a secret: events carry ids only.
 */
import type { StepEvent } from '../apply/types.js';

export const ansi = {
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
};

const plain = { green: (s: string) => s, red: (s: string) => s, yellow: (s: string) => s, bold: (s: string) => s };

export function palette(color: boolean): typeof ansi {
  return color ? ansi : plain;
}

function idList(ids: Record<string, string> | undefined): string {
  const values = Object.values(ids ?? {});
  return values.length === 0 ? '' : ` ${values.join(', ')}`;
}

/**
 * The lines of a finished step; null for skipped steps (they never ran, the final report lists
 * them). A create that makes several resources (a custom integration with its inline webhooks)
 * gets one line per resource, each with its own id.
 */
export function progressLine(event: StepEvent, addressWidth: number, color: boolean): string | null {
  const c = palette(color);
  const r = event.result;
  const head = (address: string): string => `${address.padEnd(addressWidth)}  ${r.operation.padEnd(6)}  `;
  switch (event.type) {
    case 'applied': {
      const a = event.result;
      const ids = a.ids ?? {};
      const others = Object.keys(ids).filter((addr) => addr !== a.address);
      const own = others.length > 0 ? (ids[a.address] === undefined ? {} : { [a.address]: ids[a.address]! }) : ids;
      let result: string;
      if (a.adopted) result = c.yellow(`adopted${idList(own)} (create response lost)`);
      else if (a.alreadyGone) result = c.green('already gone');
      else if (a.operation === 'create') result = c.green(`created${idList(own)}`);
      else if (a.operation === 'delete') result = c.green('deleted');
      else if (a.operation === 'bookkeeping') result = c.green('recorded (bindings and fingerprints in app metadata)');
      else result = c.green('done');
      const extra = others.map((addr) => `${head(addr)}${c.green(`${a.adopted ? 'adopted' : 'created'} ${ids[addr]}`)}  (with ${a.address})`);
      return [`${head(a.address)}${result}  (${a.ms} ms)`, ...extra].join('\n');
    }
    case 'failed': {
      const f = event.result;
      const what = f.code ? `${f.status ? `${f.status} ` : ''}${f.code}` : 'error';
      return `${head(f.address)}${c.red(`FAILED ${what}`)}  (${f.ms} ms)`;
    }
    case 'skipped':
      return null;
  }
}
