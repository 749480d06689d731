// Generates the benchmark fleet (issue 8): N apps, each with 3 app keys, 10 integrations
// (5 custom with 2 webhooks and 2 keys each, 5 of other types) and a switchboard with
// 3 switchboard integrations. Returned as YAML text in the config language.
import { stringify } from 'yaml';

const OTHERS = [
  (i) => ({ type: 'web', displayName: `Web ${i}`, brandColor: '112233', originWhitelist: [`https://site${i}.example`] }),
  (i) => ({ type: 'telegram', displayName: `Telegram ${i}`, token: `tg-token-${i}` }),
  (i) => ({ type: 'twilio', displayName: `SMS ${i}`, accountSid: `AC${String(i).padStart(8, '0')}`, authToken: `tw-token-${i}`, phoneNumberSid: `PN${i}` }),
  (i) => ({ type: 'messenger', displayName: `Messenger ${i}`, pageAccessToken: `pat-${i}`, appId: `fbapp${i}`, appSecret: `fbsecret-${i}` }),
  (i) => ({ type: 'viber', displayName: `Viber ${i}`, token: `viber-token-${i}` }),
];

/** The displayName of each fleet app (the natural key sunco matches apps by). */
export function fleetAppNames(appCount = 20, prefix = 'bench') {
  return Array.from({ length: appCount }, (_, a) => `${prefix} app ${a}`);
}

export function fleetConfig(appCount = 20, prefix = 'bench', first = 0) {
  const apps = {};
  const names = fleetAppNames(first + appCount, prefix);
  for (let a = first; a < first + appCount; a++) {
    const integrations = {};
    for (let c = 0; c < 5; c++) {
      integrations[`bot${c}`] = {
        type: 'custom',
        displayName: `Bot ${c}`,
        webhooks: {
          main: { target: `https://bot${c}.app${a}.example/hook`, triggers: ['conversation:message', 'conversation:postback'] },
          audit: { target: `https://audit${c}.app${a}.example/hook`, triggers: ['conversation:create'], includeFullUser: true },
        },
        keys: { runtime: { displayName: `bot ${c} runtime` }, ci: { displayName: `bot ${c} ci` } },
      };
    }
    OTHERS.forEach((make, k) => {
      integrations[`ch${k}`] = make(a * 10 + k);
    });
    apps[`${prefix}${a}`] = {
      displayName: names[a],
      settings: { multiConvoEnabled: true },
      metadata: { team: `team-${a % 4}` },
      keys: { deployer: { displayName: 'deployer' }, ops: { displayName: 'ops' }, audit: { displayName: 'audit' } },
      integrations,
      switchboard: {
        enabled: true,
        default: 'bot',
        integrations: {
          bot: { integration: 'bot0', deliverStandbyEvents: false, next: 'agent' },
          agent: { integrationType: 'zd:agentWorkspace', messageHistoryCount: 10, next: 'bot' },
          triage: { integration: 'bot1', next: 'agent' },
        },
      },
    };
  }
  return stringify({ version: 1, apps });
}

/**
 * The same fleet as a config directory (`-f DIR` merges its files): config files are limited to
 * 1 MiB each, and 40 apps of this shape take about 160 kB.
 */
export async function writeFleetDir(dir, appCount, prefix = 'bench', perFile = 40) {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await mkdir(dir, { recursive: true });
  for (let first = 0, n = 0; first < appCount; first += perFile, n++) {
    await writeFile(join(dir, `fleet-${String(n).padStart(3, '0')}.yaml`), fleetConfig(Math.min(perFile, appCount - first), prefix, first));
  }
  return dir;
}
