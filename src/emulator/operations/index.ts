/**
 * Every operations route of the emulator (users, clients, devices, conversations,
 * participants, messages, activity, switchboard actions, attachments, and the channel data
 * calls DownloadMessageRef and PostConversionEvents). The core
 * registers them, authenticates the caller and enforces `scopes` and the own-app rule.
 */
import type { Route } from '../route.js';
import type { EmulatorStore } from '../store.js';
import { activityRoutes } from './activity.js';
import { attachmentRoutes } from './attachments.js';
import { channelDataRoutes } from './channel-data.js';
import { clientRoutes } from './clients.js';
import { conversationRoutes } from './conversations.js';
import { messageRoutes } from './messages.js';
import { participantRoutes } from './participants.js';
import { switchboardControlRoutes } from './switchboard-control.js';
import { userRoutes } from './users.js';

export { setMessageLimit, DEFAULT_MESSAGE_LIMIT } from './messages.js';

export function operationsRoutes(store: EmulatorStore): Route[] {
  return [
    ...userRoutes(store),
    ...clientRoutes(store),
    ...conversationRoutes(store),
    ...participantRoutes(store),
    ...messageRoutes(store),
    ...activityRoutes(store),
    ...switchboardControlRoutes(store),
    ...attachmentRoutes(store),
    ...channelDataRoutes(store),
  ];
}
