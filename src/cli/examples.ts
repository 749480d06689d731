/**
 * Two or three examples for every command's help, in one table so that the set is easy to
 * review and a test can check that no command lacks them. Keys are command paths ("plan",
 * "users get"); each example is the command line after the program name. A noun's own help
 * shows the first example of its first verbs unless the table names it.
 */
import type { Argv, CommandModule } from 'yargs';

type Example = [command: string, description: string];

export const EXAMPLES: Record<string, Example[]> = {
  validate: [
    ['validate', 'Check ./sunco.yaml'],
    ['validate -f config/ --var-file staging.env', 'Check a directory of *.yaml with its variables'],
    ['validate --json', 'The result as {"valid", "errors"} for a script'],
  ],
  plan: [
    ['plan --emulator', 'Try the config against an empty in-process emulator'],
    ['plan -f config/ --var-file prod.env --out plan.json', 'Plan, and save the plan for sunco-apply plan.json'],
    ['plan --format markdown --environment staging --detailed-exitcode', 'A PR comment; exit 2 when there are changes'],
  ],
  apply: [
    ['apply --emulator --yes', 'Apply to an empty in-process emulator (a demo)'],
    ['apply plan.json --secrets-out secrets.json', 'Apply a saved plan; refused when it is stale'],
    ['apply --target app.support.integration.bot', 'Plan and apply one resource (asks first)'],
  ],
  show: [
    ['show plan.json', 'The saved plan, as sunco-plan printed it'],
    ['show plan.json --format markdown --environment staging', 'The PR comment of the staging plan'],
    ['show plan.json --json --detailed-exitcode', 'The plan JSON; exit 2 when it changes anything'],
  ],
  emulator: [
    ['emulator', 'A local API on 127.0.0.1:8090 with a generated account key'],
    ['emulator --port 0 --state emu.json', 'Any free port; keep the state in emu.json'],
    ['emulator --config sunco.yaml --secrets-out secrets.json', 'Start with a config already applied'],
  ],
  init: [
    ['init', 'Write ./sunco.yaml'],
    ['init -f config/support.yaml', 'Write it elsewhere (never overwrites)'],
  ],
  api: [
    ['api /v2/apps', 'GET (the default method) the account\'s apps'],
    ['api POST /v2/apps/{appId}/users --data \'{"externalId":"u-42"}\' --app support', 'Create a user in app "support"'],
    ['api DELETE /v2/apps/{appId}/users/u-42 --app support --yes', 'A raw DELETE (asks first without --yes)'],
  ],
  'conversations list': [
    ['conversations list --user u-42 --app support', 'A user\'s conversations, by user id or externalId'],
    ['conversations list --external-id u-42 --all --json', 'Every page, as JSON'],
  ],
  'conversations create': [
    ['conversations create --user u-42 --app support', 'A personal conversation for a user'],
    ['conversations create --type sdkGroup --display-name "Team" --app support', 'A group conversation'],
  ],
  'conversations get': [
    ['conversations get 6e1606762556d93e9c176f69 --app support', 'One conversation'],
    ['conversations get 6e1606762556d93e9c176f69 --json', 'As JSON (the app from SUNCO_APP_ID)'],
  ],
  'conversations update': [
    ['conversations update 6e1606762556d93e9c176f69 --display-name "VIP"', 'Rename a conversation'],
    ['conversations update 6e1606762556d93e9c176f69 --metadata \'{"tier":"gold"}\'', 'Set its metadata'],
  ],
  'conversations delete': [
    ['conversations delete 6e1606762556d93e9c176f69', 'Delete it (asks first)'],
    ['conversations delete 6e1606762556d93e9c176f69 --yes', 'Without asking (needed in scripts)'],
  ],
  'messages list': [
    ['messages list -c 6e1606762556d93e9c176f69', 'The newest page, oldest first'],
    ['messages list -c 6e1606762556d93e9c176f69 --all --json', 'Every message, as JSON'],
  ],
  'messages post': [
    ['messages post -c 6e1606762556d93e9c176f69 --text "Hello"', 'A text message from the business'],
    ['messages post -c 6e1606762556d93e9c176f69 --text "Hi" --as user:u-42', 'As a user'],
    ['messages post -c 6e1606762556d93e9c176f69 --file message.json', 'A whole message body from a file'],
  ],
  'messages delete': [
    ['messages delete 5f1606762556d93e9c176f6a -c 6e1606762556d93e9c176f69', 'Delete one message (asks first)'],
    ['messages delete 5f1606762556d93e9c176f6a -c 6e1606762556d93e9c176f69 --yes', 'Without asking'],
  ],
  'messages delete-all': [
    ['messages delete-all -c 6e1606762556d93e9c176f69', 'Delete every message of a conversation (asks first)'],
    ['messages delete-all -c 6e1606762556d93e9c176f69 --yes', 'Without asking'],
  ],
  'users create': [
    ['users create --external-id u-42 --app support', 'A user known by your own id'],
    ['users create --external-id u-42 --given-name Ada --email ada@example.com', 'With a profile'],
  ],
  'users get': [
    ['users get u-42 --app support', 'By externalId (or the user id)'],
    ['users get u-42 --json', 'As JSON'],
  ],
  'users update': [
    ['users update u-42 --given-name Ada --surname Lovelace', 'Change the profile'],
    ['users update u-42 --metadata \'{"plan":"pro"}\'', 'Set the metadata'],
  ],
  'users delete': [
    ['users delete u-42', 'Delete a user with its clients and conversations (asks first)'],
    ['users delete u-42 --yes', 'Without asking'],
  ],
  'users list': [
    ['users list --email ada@example.com --app support', 'Users with that email among their identities'],
    ['users list --email ada@example.com --json', 'As JSON'],
  ],
  'users delete-personal-information': [
    ['users delete-personal-information u-42', 'Erase a user\'s personal data (asks first)'],
    ['users delete-personal-information u-42 --yes', 'Without asking'],
  ],
  'participants list': [
    ['participants list -c 6e1606762556d93e9c176f69', 'Who is in a conversation'],
    ['participants list -c 6e1606762556d93e9c176f69 --all --json', 'Every page, as JSON'],
  ],
  'participants join': [
    ['participants join -c 6e1606762556d93e9c176f69 --external-id u-42', 'Add a user to a group conversation'],
    ['participants join -c 6e1606762556d93e9c176f69 --user 5e1606762556d93e9c176f6b', 'By user id'],
  ],
  'participants leave': [
    ['participants leave -c 6e1606762556d93e9c176f69 --external-id u-42', 'Remove a user'],
    ['participants leave -c 6e1606762556d93e9c176f69 --user 5e1606762556d93e9c176f6b', 'By user id'],
  ],
  'activity post': [
    ['activity post -c 6e1606762556d93e9c176f69 --type typing:start', 'The business starts typing'],
    ['activity post -c 6e1606762556d93e9c176f69 --type conversation:read --as user:u-42', 'A user read the conversation'],
  ],
  'switchboard pass-control': [
    ['switchboard pass-control -c 6e1606762556d93e9c176f69 --to agent', 'Hand the conversation to "agent"'],
    ['switchboard pass-control -c 6e1606762556d93e9c176f69', 'To the next switchboard integration'],
  ],
  'switchboard offer-control': [
    ['switchboard offer-control -c 6e1606762556d93e9c176f69 --to agent', 'Offer control to "agent"'],
    ['switchboard offer-control -c 6e1606762556d93e9c176f69 --metadata \'{"reason":"vip"}\'', 'With metadata for the next one'],
  ],
  'switchboard accept-control': [
    ['switchboard accept-control -c 6e1606762556d93e9c176f69', 'The pending integration takes control'],
    ['switchboard accept-control -c 6e1606762556d93e9c176f69 --json', 'As JSON'],
  ],
  'switchboard release-control': [
    ['switchboard release-control -c 6e1606762556d93e9c176f69', 'No integration controls it any more'],
    ['switchboard release-control -c 6e1606762556d93e9c176f69 --metadata \'{"done":"yes"}\'', 'With metadata'],
  ],
  'attachments upload': [
    ['attachments upload photo.jpg', 'Upload a file; prints its mediaUrl'],
    ['attachments upload report.pdf -c 6e1606762556d93e9c176f69', 'Tied to a conversation (deleted with it)'],
  ],
  'attachments remove': [
    ['attachments remove https://media.smooch.io/apps/x/photo.jpg', 'Remove an upload (asks first)'],
    ['attachments remove https://media.smooch.io/apps/x/photo.jpg --yes', 'Without asking'],
  ],
  'apps list': [
    ['apps list', 'The account\'s apps (needs an account key)'],
    ['apps list --json', 'As JSON'],
  ],
  'apps get': [
    ['apps get "Acme Support"', 'By displayName (or id)'],
    ['apps get --app support --json', 'The --app one, as JSON'],
  ],
  'integrations list': [
    ['integrations list --app support', 'The integrations of an app'],
    ['integrations list --all --json', 'Every page, as JSON'],
  ],
  'integrations get': [
    ['integrations get 5e1606762556d93e9c176f6c', 'One integration (credentials hidden)'],
    ['integrations get 5e1606762556d93e9c176f6c --json', 'As JSON'],
  ],
  'webhooks list': [
    ['webhooks list --app support', 'The webhooks of every custom integration'],
    ['webhooks list --integration 5e1606762556d93e9c176f6c', 'Of one custom integration'],
  ],
  'webhooks trigger': [
    ['webhooks trigger conversation:message --app support -d text=hello', 'In sunco emulator: a user message, to every subscribed webhook'],
    ['webhooks trigger conversation:message --to http://127.0.0.1:3000/hook --secret s3cr3t', 'The spec\'s sample event to your local endpoint'],
  ],
  'webhooks deliveries': [
    ['webhooks deliveries', 'The emulator\'s recent webhook deliveries'],
    ['webhooks deliveries --app support --resend 5f1606762556d93e9c176f6d', 'Send one delivery again'],
  ],
  'keys list': [
    ['keys list --app support', 'The app\'s API keys (secrets hidden)'],
    ['keys list --integration 5e1606762556d93e9c176f6c', 'A custom integration\'s keys'],
  ],
  'secrets pull': [
    ['secrets pull --secrets-out secrets.json', 'Save the live secret of every managed key and webhook'],
    ['secrets pull --target app.support --secrets-out secrets.json', 'Only the keys and webhooks of app support'],
    ['secrets pull -f config/ --var-file prod.env --secrets-out secrets.json --json', 'What was new, updated or unchanged, as JSON (no values)'],
  ],
  'switchboards list': [
    ['switchboards list --app support', 'The switchboard with its switchboard integrations'],
    ['switchboards list --json', 'As JSON'],
  ],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = CommandModule<any, any>;

export function commandName(c: AnyCommand): string {
  return String(c.command).split(' ')[0]!;
}

/**
 * `cmd` with its examples added to its help. `asDefault`: the command is the program's default
 * (sunco-plan), so "plan --out x" reads "sunco-plan --out x".
 */
export function withExamples(cmd: AnyCommand, path: string, asDefault = false, fallback: Example[] = []): AnyCommand {
  const examples = EXAMPLES[path] ?? fallback;
  if (examples.length === 0 || typeof cmd.builder !== 'function') return cmd;
  const builder = cmd.builder;
  return {
    ...cmd,
    builder: (y: Argv) => {
      const b = (builder(y) ?? y) as Argv;
      for (const [line, description] of examples) b.example(asDefault ? `$0${line.slice(path.length)}` : `$0 ${line}`, description);
      return b;
    },
  };
}

/**
 * A noun's examples unless the table names them: its verbs' examples taken in turns (the first
 * of each verb, then the second ...), three at most, so a one-verb noun still shows two.
 */
export function nounExamples(noun: string, verbs: AnyCommand[]): Example[] {
  const lists = verbs.map((v) => EXAMPLES[`${noun} ${commandName(v)}`] ?? []);
  const out: Example[] = [];
  for (let turn = 0; out.length < 3 && lists.some((l) => l.length > turn); turn++) {
    for (const l of lists) if (l[turn] && out.length < 3) out.push(l[turn]!);
  }
  return out;
}
