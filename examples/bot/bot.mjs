// An echo bot: answers each user message through the API. Run it against
// `sunco emulator --config examples/bot/sunco.yaml --secrets-out secrets.json`.
/* global fetch */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const api = process.env.SUNCO_API_URL ?? 'http://127.0.0.1:8090';
const secret = (address) => JSON.parse(readFileSync(process.env.SECRETS ?? 'secrets.json', 'utf8'))[address];

const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const hook = secret('app.playground.integration.bot.webhook.main');
  if (req.headers['x-api-key'] !== hook.secret) return res.writeHead(401).end();
  const key = secret('app.playground.integration.bot.key.runtime');
  const { app, events } = JSON.parse(body);
  for (const { type, payload } of events) {
    if (type !== 'conversation:message' || payload.message.author.type !== 'user') continue;
    const reply = { author: { type: 'business' }, content: { type: 'text', text: `You said: ${payload.message.content.text}` } };
    const answer = await fetch(`${api}/v2/apps/${app.id}/conversations/${payload.conversation.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify(reply),
    }).catch(() => undefined); // the API unreachable: answer 500 below rather than crash
    if (!answer?.ok) return res.writeHead(500).end(); // SunCo retries the webhook
  }
  res.writeHead(200).end();
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => console.log(`bot listening on http://127.0.0.1:${server.address().port}/sunco`));
