import type { RideRequest, RideResponse } from '@wildrydes/contract';
import { createRider, getRide } from '@wildrydes/local-stack/testing';
import { clickMap, expect, PHONE, rideState, sameSpot, signIn, snap, stackClient, test } from './fixtures';

const DROPOFF_ANCHOR: [number, number] = [16, 43];

test('a ride with a drop-off: set on the map, sent, stored, flown to after pickup, and listed', async ({ page }) => {
  // The page's clock, so the test can jump to the ride's PickupTime instead of waiting for it.
  await page.clock.install();
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  await expect(page.locator('.leaflet-tile-loaded').first()).toBeVisible();

  // Pickup, then "Set drop-off" and a click elsewhere: a second, different marker.
  await clickMap(page, 40, 30);
  const toggle = page.getByRole('button', { name: 'Set drop-off' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Map. Click or tap to set your drop-off point.' })).toBeVisible();
  await clickMap(page, -120, -80);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.leaflet-marker-icon[alt="Drop-off point"]')).toBeVisible();
  await expect(page.locator('.leaflet-marker-icon[alt="Pickup point"]')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Pickup set at .+; drop-off at .+\. Press Request Unicorn\.$/ })).toBeVisible();

  // Removable, and settable by keyboard too: the toggle, then "Use map centre".
  await page.getByRole('button', { name: 'Remove drop-off' }).click();
  await expect(page.locator('.leaflet-marker-icon[alt="Drop-off point"]')).toHaveCount(0);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Use map centre' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /; drop-off at 47\.60620, -122\.33210\. / })).toBeVisible();
  await snap(page, 'ride-dropoff-set-desktop');

  const answer = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  const response = await answer;
  expect(response.status()).toBe(201);
  const sent = JSON.parse(response.request().postData() ?? '{}') as RideRequest;
  const ride = (await response.json()) as RideResponse;
  const stored = (await getRide(ride.RideId))?.['DropoffLocation'] as RideResponse['DropoffLocation'] | undefined;
  // The map's centre, as sent, answered and stored (the API keeps 7 decimals, about 1 cm).
  for (const where of [sent.DropoffLocation, ride.DropoffLocation, stored]) {
    expect(where?.Latitude).toBeCloseTo(47.6062, 6);
    expect(where?.Longitude).toBeCloseTo(-122.3321, 6);
  }
  // A ride to a drop-off takes the flight there, not the default quarter of an hour.
  expect(Date.parse(ride.DropoffTime) - Date.parse(ride.PickupTime)).toBeLessThan(15 * 60_000);
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  await expect.poll(() => sameSpot(page, 'Pickup point'), { timeout: 5_000 }).toBe(true);

  // At PickupTime (the page's clock jumps there) the status moves on by itself and the unicorn
  // flies on to the drop-off.
  await page.clock.fastForward(Math.max(0, Date.parse(ride.PickupTime) - Date.now()) + 1_000);
  await expect(rideState(page)).toHaveText('Riding');
  await expect(page.getByRole('status').filter({ hasText: `${ride.Unicorn.Name} has arrived. Giddy up!` })).toBeVisible();
  await expect.poll(() => sameSpot(page, 'Drop-off point', DROPOFF_ANCHOR), { timeout: 5_000 }).toBe(true);
  await snap(page, 'ride-dropoff-riding-desktop');

  // My rides lists the drop-off, as it differs from the pickup; on a phone nothing sticks out.
  await page.setViewportSize(PHONE);
  await page.getByRole('link', { name: 'See my rides' }).click();
  const item = page.getByRole('list', { name: 'Your rides' }).getByRole('listitem').first();
  await expect(item).toContainText('Drop-off at 47.60620, -122.33210');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await snap(page, 'my-rides-dropoff-phone');

  // The server's clock has not jumped: the ride is still on its way there, so its unicorn can be freed.
  const client = await stackClient();
  expect(await client.cancelRide(rider.tokens.idToken, ride.RideId)).toMatchObject({ ok: true, value: { Status: 'Cancelled' } });
});
