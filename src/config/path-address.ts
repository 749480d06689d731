/**
 * Maps a path in the config document to the address of the entry that holds it and the
 * field path inside that entry: ['apps','support','integrations','sms','authToken'] →
 * { address: 'app.support.integration.sms', field: 'authToken' }.
 */
import { address } from './address.js';

export interface Located {
  /** '' for top-level fields (version, prune). */
  address: string;
  /** Dotted field path inside the entry ('' for the entry itself), e.g. `settings.multiConvoEnabled`. */
  field: string;
}

export function locate(path: readonly string[]): Located {
  let addr = '';
  let consumed = 0;
  const [a0, app, a2, name, a4, sub] = path;
  if (a0 === 'apps' && app !== undefined) {
    addr = address.app(app);
    consumed = 2;
    if (a2 === 'keys' && name !== undefined) {
      addr = address.appKey(app, name);
      consumed = 4;
    } else if (a2 === 'integrations' && name !== undefined) {
      addr = address.integration(app, name);
      consumed = 4;
      if (a4 === 'webhooks' && sub !== undefined) {
        addr = address.webhook(app, name, sub);
        consumed = 6;
      } else if (a4 === 'keys' && sub !== undefined) {
        addr = address.integrationKey(app, name, sub);
        consumed = 6;
      }
    } else if (a2 === 'switchboard') {
      addr = address.switchboard(app);
      consumed = 3;
      if (name === 'integrations' && a4 !== undefined) {
        addr = address.switchboardIntegration(app, a4);
        consumed = 5;
      }
    }
  }
  return { address: addr, field: path.slice(consumed).join('.') };
}
