/**
 * sunco switchboard pass-control|offer-control|accept-control|release-control --conversation ID
 *
 * --to names a switchboard integration by id, name or integrationType, or `next`
 * (passControlBody / offerControlBody).
 */
import type { AnyCommand } from './define.js';
import { noun, verb } from './define.js';
import { conversationFlag } from './refs.js';

interface ActionSpec {
  verb: string;
  path: string;
  describe: string;
  /** Whether the action names a target switchboard integration (default `next`). */
  target: boolean;
  past: string;
}

const ACTIONS: ActionSpec[] = [
  { verb: 'pass-control', path: 'passControl', target: true, past: 'Passed control of', describe: 'Make a switchboard integration active now' },
  { verb: 'offer-control', path: 'offerControl', target: true, past: 'Offered control of', describe: 'Offer control to a switchboard integration (it becomes pending)' },
  { verb: 'accept-control', path: 'acceptControl', target: false, past: 'Accepted control of', describe: 'The pending switchboard integration takes control' },
  { verb: 'release-control', path: 'releaseControl', target: false, past: 'Released control of', describe: 'No switchboard integration controls the conversation any more' },
];

function action(spec: ActionSpec): AnyCommand {
  return verb({
    command: spec.verb,
    describe: spec.describe,
    builder: (y) => {
      const b = conversationFlag(y).option('metadata', { type: 'string', describe: 'Metadata for the switchboard webhook, a flat JSON object' });
      return spec.target ? b.option('to', { type: 'string', default: 'next', describe: 'Switchboard integration id, name, integrationType or next' }) : b;
    },
    run: async (ctx, argv) => {
      const { jsonObjectFlag } = await import('./context.js');
      const to = (argv as { to?: string }).to;
      const body = { switchboardIntegration: spec.target ? to : undefined, metadata: jsonObjectFlag('metadata', argv.metadata) };
      await ctx.client.post(await ctx.appPath('conversations', argv.conversation, spec.path), body);
      const suffix = spec.target ? ` to ${to}` : '';
      ctx.done({ conversation: argv.conversation, action: spec.path, ...(spec.target ? { switchboardIntegration: to } : {}) }, `${spec.past} conversation ${argv.conversation}${suffix}.`);
    },
  });
}

export const switchboardCommand = noun('switchboard', 'Pass, offer, accept and release control of a conversation', ACTIONS.map(action));
