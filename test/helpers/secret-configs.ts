/**
 * The config the secrets-file tests share: app `support` with one app key and one webhook (the
 * two kinds whose secret the API generates), and optionally app `sales` with one more key.
 */
export const KEY = 'app.support.key.deployer';
export const HOOK = 'app.support.integration.bot.webhook.main';
export const OTHER = 'app.sales.key.ci';

export const SUPPORT_CONFIG = `version: 1
apps:
  support:
    displayName: Support
    keys:
      deployer: { displayName: CI deployer }
    integrations:
      bot:
        type: custom
        displayName: Bot
        webhooks:
          main: { target: "https://bot.example.com/a", triggers: ["conversation:message"] }
`;

export const TWO_APPS_CONFIG = `${SUPPORT_CONFIG}  sales:
    displayName: Sales
    keys:
      ci: { displayName: CI }
`;
