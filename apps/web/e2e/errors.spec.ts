import { countRides, createRider } from '@wildrydes/local-stack/testing';
import { clickMap, expect, rideState, signIn, snap, test } from './fixtures';

// Chromium logs the failed requests these tests cause (a 500, a reset connection) by itself.
test.use({ allowedErrors: /status of 500|net::ERR_CONNECTION_RESET/ });

// Each test books a ride, so each has a rider of its own: one active ride per rider.
test('an API error is shown inline with its message, and Retry books the ride once', async ({ page }) => {
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
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
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(await countRides()).toBe(before + 1);
});

test('a ride whose answer was lost is not booked twice when the rider retries', async ({ page }) => {
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();

  // The first request reaches the API and books the ride, but its answer never arrives.
  let firstRideId: string | undefined;
  await page.route('**/ride', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const response = await route.fetch();
    firstRideId = ((await response.json()) as { RideId: string }).RideId;
    // Abort before letting go of the route: unrouted first (with the guards' route on the context),
    // the request was already handled when the abort came ("Route is already handled").
    await route.abort('connectionreset');
    await page.unroute('**/ride');
  });

  const before = await countRides();
  await clickMap(page);
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  await expect(page.getByRole('alert')).toContainText('The ride request failed: Could not reach the ride service.');
  expect(firstRideId).toBeDefined();
  expect(await countRides()).toBe(before + 1);

  const answer = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Retry' }).click();
  const retried = (await (await answer).json()) as { RideId: string };
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  // The API recognised the Idempotency-Key: the same ride, still one booking.
  expect(retried.RideId).toBe(firstRideId);
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
