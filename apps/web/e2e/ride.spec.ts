import type { Page } from '@playwright/test';
import type { RideResponse } from '@wildrydes/contract';
import { confirmationCode, getRide } from '@wildrydes/local-stack/testing';
import { ease, FLIGHT_MS } from '../src/features/booking/flight-path';
import { clickMap, expect, PHONE, rideState, sameSpot, snap, test, uniqueEmail } from './fixtures';

/** Where a marker's anchor is, in page pixels: the pickup pin's tip, the unicorn's hooves. */
async function anchorOf(page: Page, alt: string, [ax, ay]: [number, number]): Promise<{ x: number; y: number }> {
  const box = await page.locator(`.leaflet-marker-icon[alt="${alt}"]`).boundingBox();
  if (!box) throw new Error(`no ${alt} marker`);
  return { x: box.x + ax, y: box.y + ay };
}
const PIN_TIP: [number, number] = [12, 41];
const HOOVES: [number, number] = [32, 60];

const PASSWORD = 'Unicorn-e2e-1!';

test('a new rider registers, verifies, signs in and rides a unicorn', async ({ page }) => {
  const email = uniqueEmail('rider');
  // The page's own clock (Date, timers, animation frames), running in real time until paused below.
  await page.clock.install();

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Daily unicorn rides, on demand' })).toBeVisible();
  await snap(page, 'landing-desktop');
  await page.getByRole('link', { name: 'Become a rider' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Register' })).toBeFocused();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm password').fill(PASSWORD);
  await snap(page, 'register-desktop');
  await page.getByRole('button', { name: 'Register' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Verify your email' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByLabel('Verification code').fill(await confirmationCode(email));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(page.getByText('Your email is verified. You can sign in now.')).toBeVisible();
  await page.getByLabel('Password').fill(PASSWORD);
  await snap(page, 'signin-desktop');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  const request = page.getByRole('button', { name: 'Request Unicorn' });
  await expect(request).toBeDisabled();
  await expect(page.locator('.leaflet-tile-loaded').first()).toBeVisible();

  await clickMap(page);
  await expect(page.locator('.leaflet-marker-icon[alt="Pickup point"]')).toBeVisible();
  await expect(page.getByText(/^Pickup set at /)).toBeVisible();

  // Stop the page's clock: the flight starts, and moves only as the test runs the clock on.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  const answer = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await request.click();
  const response = await answer;
  expect(response.status()).toBe(201);
  const ride = (await response.json()) as RideResponse;
  const sent = response.request();
  expect(await sent.headerValue('authorization')).toMatch(/^eyJ/); // the raw ID token, no "Bearer"
  expect(await sent.headerValue('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);

  const pronoun = ride.Unicorn.Gender === 'Male' ? 'his' : 'her';
  await expect(page.getByText(`${ride.Unicorn.Name}, your ${ride.Unicorn.Color} unicorn, is on ${pronoun} way.`)).toBeVisible();
  await expect(page.locator('.leaflet-marker-icon[alt="Unicorn"]')).toBeVisible();
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  await snap(page, 'ride-en-route-desktop');
  // The flight, by the page's clock: where it starts depends on the fleet; it lands on the pickup
  // (the pin is anchored by its tip, the unicorn by its hooves) after FLIGHT_MS, easing out.
  const pickupAt = await anchorOf(page, 'Pickup point', PIN_TIP);
  const start = await anchorOf(page, 'Unicorn', HOOVES);
  await page.clock.runFor(FLIGHT_MS / 2);
  const half = await anchorOf(page, 'Unicorn', HOOVES);
  // Halfway through the time, ease(½) of the way: within 2 px (markers sit on whole pixels, and
  // the last frame may come up to one frame early).
  const share = ease(0.5);
  expect(Math.abs(half.x - (start.x + (pickupAt.x - start.x) * share))).toBeLessThanOrEqual(2);
  expect(Math.abs(half.y - (start.y + (pickupAt.y - start.y) * share))).toBeLessThanOrEqual(2);
  await page.clock.runFor(FLIGHT_MS / 2);
  expect(await sameSpot(page, 'Pickup point')).toBe(true);
  console.log(
    `flight: ${Math.round(Math.hypot(pickupAt.x - start.x, pickupAt.y - start.y))} px; at ${FLIGHT_MS / 2} ms ` +
      `${Math.round(Math.hypot(half.x - start.x, half.y - start.y))} px flown`,
  );
  await page.clock.resume();
  // The flight is the picture; the ride itself is on its way until its PickupTime.
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  await snap(page, 'ride-arrived-desktop');

  // The ride is in DynamoDB Local, for this rider, at the pickup the map sent.
  const stored = await getRide(ride.RideId);
  expect(stored).toBeDefined();
  expect(stored).toMatchObject({ RideId: ride.RideId, UnicornName: ride.Unicorn.Name });
  const body = JSON.parse(sent.postData() ?? '{}') as { PickupLocation: { Latitude: number; Longitude: number } };
  const where = stored?.['PickupLocation'] as { Latitude: number; Longitude: number };
  // The API keeps 7 decimals (about 1 cm).
  expect(where.Latitude).toBeCloseTo(body.PickupLocation.Latitude, 6);
  expect(where.Longitude).toBeCloseTo(body.PickupLocation.Longitude, 6);

  // One ride at a time: cancel this one before the next (the unicorn is still on its way).
  await page.getByRole('button', { name: 'Cancel ride' }).click();
  await expect(page.getByText(`Ride cancelled. ${ride.Unicorn.Name} is free for other riders.`)).toBeVisible();

  // The session survives a reload, and the token panel shows the ID token the API accepted.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  await page.getByText('Show my token').click();
  await expect(page.getByRole('textbox', { name: 'ID token' })).toHaveValue(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);

  // Phone width, and a rider who asks for less motion: the unicorn appears at the pickup
  // instead of flying there.
  await page.setViewportSize(PHONE);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.getByText('Show my token').click(); // close it again
  await clickMap(page, 0, 0);
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  await expect(page.getByText(/is on (his|her) way\.$/)).toBeVisible();
  // Both icons are anchored at the pickup at once: the pin by its tip, the unicorn by its hooves.
  expect(await sameSpot(page, 'Pickup point')).toBe(true);
  await expect(page.getByRole('button', { name: 'Cancel ride' })).toBeVisible();
  await snap(page, 'ride-arrived-phone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  // Its unicorn is free again for the tests after this one.
  await page.getByRole('button', { name: 'Cancel ride' }).click();
  await expect(rideState(page)).toHaveText('Cancelled');
});
