/**
 * Resource addresses (DESIGN.md, "Addresses"): app.support, app.support.key.deployer,
 * app.support.integration.bot, app.support.integration.bot.webhook.main,
 * app.support.integration.bot.key.runtime, app.support.switchboard,
 * app.support.switchboard.integration.agent.
 */
export const address = {
  app: (app: string) => `app.${app}`,
  appKey: (app: string, key: string) => `app.${app}.key.${key}`,
  integration: (app: string, integration: string) => `app.${app}.integration.${integration}`,
  webhook: (app: string, integration: string, webhook: string) => `app.${app}.integration.${integration}.webhook.${webhook}`,
  integrationKey: (app: string, integration: string, key: string) => `app.${app}.integration.${integration}.key.${key}`,
  switchboard: (app: string) => `app.${app}.switchboard`,
  switchboardIntegration: (app: string, name: string) => `app.${app}.switchboard.integration.${name}`,
};

/** `address#field`, the key of a field in LoadedConfig.sources / sensitive. */
export function fieldKey(addr: string, field: string): string {
  return `${addr}#${field}`;
}
