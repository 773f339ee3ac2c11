import type { RideResponse } from '@wildrydes/contract';
import { addUnicorns, cancelRide, createRider } from '@wildrydes/local-stack/testing';
import { clickMap, expect, rideState, signIn, snap, test } from './fixtures';

const indicator = (page: import('@playwright/test').Page) => page.locator('.live-indicator');

async function book(page: import('@playwright/test').Page): Promise<RideResponse> {
  await clickMap(page);
  const booked = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  const ride = (await (await booked).json()) as RideResponse;
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  return ride;
}

test('the ride page is live: free unicorns near the view, and a cancel made in another tab appears here', async ({ page, context }) => {
  // A free unicorn of its own near the map's centre (Seattle, the test profile's config.json):
  // earlier specs may have booked the fleet's ones there.
  const name = `Lantern-${Date.now().toString(36)}`;
  await addUnicorns([{ Name: name, Color: 'Silver', Gender: 'Female', Home: { Latitude: 47.6075, Longitude: -122.3345 } }]);
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  await expect(indicator(page)).toHaveText('Live');
  await expect(page.locator(`.leaflet-marker-icon[alt="${name}, a free unicorn"]`)).toBeVisible();

  const ride = await book(page);
  await expect(page.locator('.leaflet-marker-icon[alt="Unicorn"]')).toBeVisible();
  await snap(page, 'ride-live-desktop');

  // A second tab of the same rider (same browser, same session) cancels the ride from My rides.
  const other = await context.newPage();
  await other.goto('/rides');
  const item = other.getByRole('list', { name: 'Your rides' }).getByRole('listitem').first();
  await expect(item).toContainText('Status: Unicorn on the way');
  await item.getByRole('button', { name: /^Cancel the ride of / }).click();
  await expect(item).toContainText('Status: Cancelled');

  // The first tab hears it over its WebSocket: no reload, no request of its own.
  await expect(rideState(page)).toHaveText('Cancelled');
  await expect(
    page.getByRole('status').filter({ hasText: `Ride cancelled. ${ride.Unicorn.Name} is free for other riders.` }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel ride' })).toHaveCount(0);
  await other.close();
});

test('without a live connection the page says so and reads the ride over HTTP instead', async ({ page }) => {
  // Every WebSocket the page opens is refused, as when a proxy blocks them.
  await page.routeWebSocket(/.*/, (socket) => socket.close());
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
  await expect(indicator(page)).toHaveText('Not live: checking your ride every 5 seconds', { timeout: 30_000 });

  const ride = await book(page);
  const polled = page.waitForResponse((r) => r.url().endsWith(`/rides/${ride.RideId}`) && r.request().method() === 'GET', {
    timeout: 30_000,
  });
  // Cancelled elsewhere (another device: the API directly); the next poll brings it here.
  expect((await cancelRide(ride.RideId, rider.tokens.idToken)).status).toBe(200);
  await polled;
  await expect(rideState(page)).toHaveText('Cancelled', { timeout: 30_000 });
});
