/**
 * Operations half of the emulator state (users, conversations, messages, ...), per app id.
 * Plain JSON so that `--state FILE` can persist it; records keep insertion order, which is
 * the order lists answer in (see ../paginate.ts).
 */

export type Metadata = Record<string, string | number | boolean>;

export interface ClientRecord {
  id: string;
  type: string;
  status: 'active' | 'blocked' | 'inactive' | 'pending';
  integrationId?: string | null;
  externalId?: string | null;
  linkedAt?: string | null;
  lastSeen?: string | null;
  displayName?: string | null;
  avatarUrl?: string | null;
  info?: Record<string, unknown> | null;
  raw?: Record<string, unknown> | null;
}

export interface DeviceRecord {
  id: string;
  type: 'android' | 'ios' | 'web';
  guid: string;
  clientId: string;
  status: 'active' | 'inactive';
  integrationId: string;
  lastSeen: string;
  pushNotificationToken?: string | null;
  appVersion?: string | null;
  info?: Record<string, unknown> | null;
}

export interface UserRecord {
  id: string;
  externalId?: string;
  zendeskId?: string;
  brandId?: string | null;
  authenticated: boolean;
  signedUpAt: string;
  toBeRetained: boolean;
  profile: Record<string, string | null>;
  metadata: Metadata;
  identities: { type: string; value: string; verification?: string }[];
  clients: ClientRecord[];
  devices: DeviceRecord[];
}

export interface ParticipantRecord {
  id: string;
  userId: string;
  unreadCount: number;
  lastRead: string | null;
}

export interface MessageRecord {
  id: string;
  received: string;
  author: Record<string, unknown>;
  content: Record<string, unknown>;
  source: { type: string };
  metadata?: Metadata | null;
}

export interface ConversationRecord {
  id: string;
  type: 'personal' | 'sdkGroup';
  isDefault: boolean;
  displayName?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  metadata: Metadata;
  businessLastRead: string | null;
  lastUpdatedAt: string;
  createdAt: string;
  participants: ParticipantRecord[];
  messages: MessageRecord[];
  /** Switchboard integration ids; resolved against the live switchboard on read. */
  activeSwitchboardIntegrationId?: string;
  pendingSwitchboardIntegrationId?: string;
}

export interface AttachmentRecord {
  mediaUrl: string;
  mediaType: string;
  size: number;
  conversationId?: string;
  /** Uploaded with `for=message`: deleted with the message, conversation or user that uses it. */
  forMessage?: boolean;
}

export interface AppOperations {
  users: UserRecord[];
  conversations: ConversationRecord[];
  attachments: AttachmentRecord[];
}

export interface OperationsState {
  apps: Record<string, AppOperations>;
}

export function emptyOperationsState(): OperationsState {
  return { apps: {} };
}

export function emptyAppOperations(): AppOperations {
  return { users: [], conversations: [], attachments: [] };
}
