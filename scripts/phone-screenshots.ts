/**
 * Screenshots of the pages people open on a phone, at 360 px wide, for a human to look at (not a test):
 * Keycloak's sign-in page (French by default, English on request) and the public check of printed PVs.
 *
 *   npx tsx scripts/phone-screenshots.ts [verification code...]
 *
 * Uses the machine's Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium; Debian: `apt-get install chromium`)
 * through playwright-core, against the running gateway (`GATEWAY_URL`, default http://127.0.0.1:3000) and
 * Keycloak of `@prosmed/config`. Writes .run/screenshots/*.png and prints, for each page, its HTTP status,
 * whether it is wider than the screen, and the browser's console (a CSP violation shows there).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadPlatformConfig, loadPublicBaseUrl } from '@prosmed/config';

const OUT = path.resolve(__dirname, '..', '.run', 'screenshots');
const gateway = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
const kc = loadPlatformConfig('prosmed-screenshots').keycloak;

function signInUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    client_id: kc.publicClientId,
    response_type: 'code',
    scope: 'openid',
    // One of the client's exact redirect URIs (Keycloak refuses any other): the public address's.
    redirect_uri: `${loadPublicBaseUrl()}/api/docs/oauth2-redirect.html`,
    // Any S256 challenge: the page is only looked at, no code is exchanged.
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    ...extra,
  });
  return `${kc.issuer}/protocol/openid-connect/auth?${q}`;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const codes = [...process.argv.slice(2), 'AAAA-BBBB-CCCC'];
  const pages: { name: string; url: string; language: string }[] = [
    { name: 'sign-in-fr', url: signInUrl(), language: 'fr-FR' },
    { name: 'sign-in-en', url: signInUrl({ ui_locales: 'en' }), language: 'fr-FR' },
    ...codes.flatMap((code) =>
      ['fr-FR', 'en-US'].map((language) => ({
        name: `pv-check-${code}-${language.slice(0, 2)}`,
        url: `${gateway}/api/public/pvs/check/${code}`,
        language,
      })),
    ),
  ];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  try {
    for (const p of pages) {
      const ctx = await browser.newContext({
        viewport: { width: 360, height: 740 },
        locale: p.language,
        extraHTTPHeaders: { 'Accept-Language': p.language },
      });
      const page = await ctx.newPage();
      const console: string[] = [];
      page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
      const res = await page.goto(p.url, { waitUntil: 'networkidle' });
      const file = path.join(OUT, `${p.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      // A string, evaluated in the page: this file is compiled without the DOM's types.
      const wider = (await page.evaluate(
        'document.documentElement.scrollWidth > document.documentElement.clientWidth',
      )) as boolean;
      process.stdout.write(
        `${p.name}: HTTP ${res?.status() ?? '?'}${wider ? ', WIDER THAN THE SCREEN' : ''}, ${file}${
          console.length ? `\n  ${console.join('\n  ')}` : ''
        }\n`,
      );
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`phone-screenshots: ${String(err)}\n`);
  process.exit(1);
});
