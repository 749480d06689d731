/**
 * The starter config `sunco init` writes: the `$schema` line, one app with a web widget,
 * and commented examples of every other kind. Uncommenting every example gives a valid
 * config (test/export/starter.test.ts checks it), so they can be taken one by one.
 */
export function starterConfig(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# A starter sunco config. Check it with \`sunco validate\`, preview with \`sunco-plan\`, apply it with
# \`sunco-apply\`. Uncomment the examples you need; field names are the API's own. To adopt apps that
# already exist, \`sunco export\` writes their config instead.
version: 1
apps:
  main:                                     # logical name: the address is app.main
    displayName: My App                     # the app's identity, unless pinned by id
    # id: 5d8cff3cd55b040010928b5b           # pin to an existing app (needed with an app-scoped key)
    # protect: true                         # refuse any plan that would delete or replace it
    # settings:
    #   multiConvoEnabled: true
    #   conversationRetentionSeconds: 2592000
    # metadata:
    #   team: support
    # keys:                                 # app API keys (account keys only); secrets go to --secrets-out
    #   deployer:
    #     displayName: CI deployer
    integrations:
      web:
        type: web
        displayName: Website
        # brandColor: "65758e"
        # originWhitelist:
        #   - https://www.example.com
        # defaultResponder: bot             # a switchboard integration, by name
      # sms:
      #   type: twilio
      #   displayName: SMS
      #   accountSid: AC0123456789
      #   authToken: \${TWILIO_AUTH_TOKEN}   # write-only: keep it in a variable
      #   phoneNumberSid: PN0123456789       # or messagingServiceSid: one of them is required
      # bot:
      #   type: custom
      #   displayName: Support bot
      #   webhooks:
      #     main:
      #       target: https://bot.example.com/sunco
      #       triggers:
      #         - conversation:message
      #         - conversation:postback
      #   keys:
      #     runtime:
      #       displayName: bot runtime
    # switchboard:
    #   enabled: true
    #   default: bot
    #   integrations:
    #     bot:
    #       integration: bot
    #       next: agent
    #     agent:
    #       integrationType: zd:agentWorkspace
    #       next: bot
`;
}
