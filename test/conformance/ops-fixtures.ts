/**
 * Shared set-up of the operations files: an app (multi-conversation, so that a user can
 * have a second, deletable conversation), and builders for users, conversations and
 * messages made with the official client's models.
 */
import { harness, type Harness } from './helpers.js';
import { SunCo, type Loose } from './sdk.js';

export interface Ops {
  h: Harness;
  appId: string;
  newUser(externalId: string): Promise<Loose>;
  newConversation(userId: string): Promise<Loose>;
}

export async function opsHarness(): Promise<Ops> {
  const h = await harness();
  const settings = Object.assign(new SunCo.AppSettings(), { multiConvoEnabled: true });
  const appId = (await h.sdk.apps.createApp(Object.assign(new SunCo.AppCreateBody('Ops'), { settings }))).app.id as string;
  return {
    h,
    appId,
    async newUser(externalId) {
      const body = Object.assign(new SunCo.UserCreateBody(externalId), {
        profile: Object.assign(new SunCo.Profile(), { givenName: 'Ada', surname: 'Lovelace', email: 'ada@example.com' }),
        metadata: { plan: 'pro' },
      });
      return (await h.sdk.users.createUser(appId, body)).user;
    },
    async newConversation(userId) {
      const body = Object.assign(new SunCo.ConversationCreateBody('personal'), { participants: [{ userId }], displayName: 'Help' });
      return (await h.sdk.conversations.createConversation(appId, body)).conversation;
    },
  };
}

export function text(author: Loose, words: string): Loose {
  return new SunCo.MessagePost(author, Object.assign(new SunCo.TextMessage('text'), { text: words }));
}

export const business = (): Loose => new SunCo.Author('business');
