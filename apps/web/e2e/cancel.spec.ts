import type { Ride, RideResponse } from '@wildrydes/contract';
import { createRider, getRide } from '@wildrydes/local-stack/testing';
import { clickMap, expect, PHONE, rideState, signIn, snap, test } from './fixtures';

test('a rider cancels a ride on its way, from the ride page and from My rides', async ({ page }) => {
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();

  // Book: the ride is on its way, and the page offers to cancel it.
  await clickMap(page);
  const booked = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  const ride = (await (await booked).json()) as RideResponse;
  expect(ride.Status).toBe('Assigned');
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  const pickupTime = page.getByRole('region', { name: 'Your ride' }).locator('time').first();
  await expect(pickupTime).toHaveAttribute('datetime', ride.PickupTime);
  await expect(page.locator('.leaflet-marker-icon[alt="Unicorn"]')).toBeVisible();

  // Cancel: one POST, the ride comes back Cancelled, the page says so and the unicorn leaves.
  const cancelAnswer = page.waitForResponse((r) => r.url().endsWith(`/rides/${ride.RideId}/cancel`) && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Cancel ride' }).click();
  const cancelled = await cancelAnswer;
  expect(cancelled.status()).toBe(200);
  expect(((await cancelled.json()) as Ride).Status).toBe('Cancelled');
  await expect(
    page.getByRole('status').filter({ hasText: `Ride cancelled. ${ride.Unicorn.Name} is free for other riders.` }),
  ).toBeVisible();
  await expect(rideState(page)).toHaveText('Cancelled');
  await expect(page.locator('.leaflet-marker-icon[alt="Unicorn"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel ride' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveText('');
  await snap(page, 'ride-cancelled-desktop');
  expect((await getRide(ride.RideId))?.['CancelTime']).toEqual(expect.any(String));

  // The rider may book again at once; this time cancel from My rides, on a phone.
  await page.getByRole('button', { name: 'Request another ride' }).click();
  const again = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  expect((await again).status()).toBe(201);
  await expect(rideState(page)).toHaveText('Unicorn on the way');

  await page.setViewportSize(PHONE);
  await page.getByRole('link', { name: 'See my rides' }).click();
  const items = page.getByRole('list', { name: 'Your rides' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Status: Unicorn on the way');
  await expect(items.nth(1)).toContainText('Status: Cancelled');
  await expect(items.nth(1).getByRole('button')).toHaveCount(0);
  const listCancel = items.nth(0).getByRole('button', { name: /^Cancel the ride of / });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await snap(page, 'my-rides-active-phone');
  await listCancel.click();
  await expect(items.nth(0)).toContainText('Status: Cancelled');
  await expect(items.nth(0)).toBeFocused();
  await expect(listCancel).toHaveCount(0);
});
