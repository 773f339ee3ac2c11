import { demoRider, readStack } from '@wildrydes/local-stack/testing';
import { expect, signIn, test } from './fixtures';

// Cognito unreachable: the browser's connection to it is refused, as when cognito-local (or the
// network to Cognito) is down. The browser logs the refused request itself.
test.use({ allowedErrors: /ERR_CONNECTION_REFUSED|Failed to load resource/ });

test('with the sign-in service down, signing in says so plainly and keeps the rider on the page', async ({ page }) => {
  const { cognito } = await readStack();
  const toCognito = (url: URL) => url.href.startsWith(cognito.endpoint);
  await page.route(toCognito, (route) => route.abort('connectionrefused'));
  await signIn(page, demoRider.email, demoRider.password);
  await expect(page.getByRole('alert')).toHaveText('Could not reach the sign-in service. Check your connection and try again.');
  await expect(page).toHaveURL(/\/signin$/);
  // The form is still there, filled in, for a retry once the service is back.
  await expect(page.getByLabel('Email')).toHaveValue(demoRider.email);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();

  await page.unroute(toCognito);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
});

test('with the sign-in service hanging, signing in gives up after 15 s and says so', async ({ page }) => {
  // Cognito accepts the request and never answers. The page's clock is fast-forwarded past the
  // app's timeout instead of the test waiting it out.
  await page.clock.install();
  const { cognito } = await readStack();
  const toCognito = (url: URL) => url.href.startsWith(cognito.endpoint);
  await page.route(toCognito, () => {
    // Neither fulfilled nor aborted: the request hangs, as on a dead connection.
  });
  await signIn(page, demoRider.email, demoRider.password);
  await expect(page.getByRole('button', { name: 'Please wait…' })).toBeVisible();
  await page.clock.fastForward(14_000);
  await expect(page.getByRole('alert')).not.toHaveText(/not answering/);
  await page.clock.fastForward(2_000);
  await expect(page.getByRole('alert')).toHaveText('The sign-in service is not answering. Please try again in a moment.');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});
