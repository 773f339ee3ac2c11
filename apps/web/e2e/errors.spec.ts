import { countRides, demoRider } from '@wildrydes/local-stack/testing';
import { clickMap, expect, signIn, snap, test } from './fixtures';

// Chromium logs the failed request (the 500 this test injects) to the console by itself.
test.use({ allowedErrors: [/status of 500/] });

test('an API error is shown inline with its message, and Retry books the ride once', async ({ page }) => {
  await signIn(page, demoRider.email, demoRider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();

  const keys: string[] = [];
  let failNext = true;
  await page.route('**/ride', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    keys.push((await request.headerValue('idempotency-key')) ?? '');
    if (failNext) {
      failNext = false;
      return route.fulfill({
        status: 500,
        contentType: 'application/json',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: JSON.stringify({ message: 'The stables are on fire.', Error: 'boom', Reference: 'e2e-ref-1' }),
      });
    }
    return route.continue();
  });

  const before = await countRides();
  await clickMap(page);
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  await expect(page.getByRole('alert')).toContainText('The ride request failed: The stables are on fire.');
  await expect(page.getByRole('alert')).toContainText('Reference: e2e-ref-1');
  await snap(page, 'ride-error-desktop');
  expect(await countRides()).toBe(before);

  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByText(/has arrived\. Giddy up!$/)).toBeVisible({ timeout: 10_000 });
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(await countRides()).toBe(before + 1);
});

test('a site without configuration says what is missing', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ cognito: { region: 'us-east-1' } }) }),
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Wild Rydes is not configured' })).toBeVisible();
  await expect(page.getByText('cognito.userPoolId is missing')).toBeVisible();
  await expect(page.getByText('api.invokeUrl is missing')).toBeVisible();
});
