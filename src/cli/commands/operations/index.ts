import { activityCommand } from './activity.js';
import { apiCommand } from './api.js';
import { appsCommand } from './apps.js';
import { attachmentsCommand } from './attachments.js';
import { conversationsCommand } from './conversations.js';
import type { AnyCommand } from './define.js';
import { integrationsCommand } from './integrations.js';
import { keysCommand } from './keys.js';
import { messagesCommand } from './messages.js';
import { participantsCommand } from './participants.js';
import { secretsCommand } from './secrets-pull.js';
import { switchboardCommand } from './switchboard.js';
import { switchboardsCommand } from './switchboards.js';
import { usersCommand } from './users.js';
import { webhooksCommand } from './webhooks.js';

/** `sunco <noun> <verb>` commands (conversations, messages, users, ...) and `sunco api`. */
export const operationsCommands: AnyCommand[] = [
  conversationsCommand,
  messagesCommand,
  usersCommand,
  participantsCommand,
  activityCommand,
  switchboardCommand,
  attachmentsCommand,
  appsCommand,
  integrationsCommand,
  webhooksCommand,
  keysCommand,
  secretsCommand,
  switchboardsCommand,
  apiCommand,
];
