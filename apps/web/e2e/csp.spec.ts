import { customHttpCsp, parseCsp } from '@wildrydes/infra/csp';
import { readStackConfig } from '@wildrydes/local-stack';
import { readStack } from '@wildrydes/local-stack/testing';
import { expect, test } from './fixtures';

// The inline script below is refused on purpose, and Chromium says so on the console.
test.use({ allowedErrors: /inline script violates the following Content Security Policy directive 'script-src/ });

test("the build is served under production's Content-Security-Policy, with the local stack in place of AWS, and the browser enforces it", async ({
  page,
}) => {
  const production = parseCsp(customHttpCsp(readStackConfig().rootDir));
  const response = await page.goto('/');
  const served = parseCsp(response?.headers()['content-security-policy'] ?? '');
  const { api, cognito, websocket } = await readStack();
  // Every directive of customHttp.yml's, but upgrade-insecure-requests (the local stack speaks http).
  expect([...served.keys()]).toEqual([...production.keys()].filter((name) => name !== 'upgrade-insecure-requests'));
  const keywords = (name: string) => (production.get(name) ?? []).filter((source) => source.startsWith("'"));
  for (const [name, sources] of served) {
    // Calls go to the local API, its live WebSocket and cognito-local instead of AWS; the test profile's map tile is the site's own.
    if (name === 'connect-src') expect(sources, name).toEqual([...keywords(name), api.url, cognito.endpoint, websocket.url]);
    else if (name === 'img-src') expect(sources, name).toEqual(keywords(name));
    else expect(sources, name).toEqual(production.get(name));
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Daily unicorn rides, on demand' })).toBeVisible();

  // Enforced, not only sent: an injected inline script is refused and never runs.
  const inline = await page.evaluate(async () => {
    const violated = new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true });
    });
    const script = document.createElement('script');
    script.textContent = 'document.documentElement.dataset.inlineRan = "yes"';
    document.head.append(script);
    return { directive: await violated, ran: document.documentElement.dataset.inlineRan === 'yes' };
  });
  expect(inline).toEqual({ directive: expect.stringMatching(/^script-src/), ran: false });
});
