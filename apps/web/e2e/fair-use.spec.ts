import { createRider } from '@wildrydes/local-stack/testing';
import { clickMap, expect, rideState, signIn, snap, stackClient, test } from './fixtures';

// Chromium logs the refused booking (HTTP 409) by itself.
test.use({ allowedErrors: /status of 409/ });

test('one ride at a time: a second request is refused with a link to the active ride, which the rider cancels', async ({ page }) => {
  const rider = await createRider();
  const client = await stackClient();
  // The rider's first ride, booked elsewhere (another tab, another device): about 8 km from the
  // nearest unicorn, so it is still on its way minutes later, when the test cancels it.
  const first = await client.requestRide(rider.tokens.idToken, { Latitude: 47.68, Longitude: -122.25 }, crypto.randomUUID());
  if (!first.ok) throw new Error(`the first booking failed: ${JSON.stringify(first)}`);

  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  await clickMap(page);
  const refused = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  const answer = await refused;
  expect(answer.status()).toBe(409);
  expect(((await answer.json()) as { RideId?: string }).RideId).toBe(first.value.RideId);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('You already have a ride on its way. One ride at a time: cancel it, or wait until it ends.');
  await expect(alert).not.toContainText('The ride request failed');
  await snap(page, 'ride-active-ride-refusal-desktop');
  await alert.getByRole('link', { name: 'See your active ride in My rides' }).click();

  // My rides has it, on its way, with its Cancel button.
  await expect(page.getByRole('heading', { level: 1, name: 'My rides' })).toBeVisible();
  const items = page.getByRole('list', { name: 'Your rides' }).getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(`Unicorn: ${first.value.Unicorn.Name}`);
  await expect(items.first()).toContainText('Status: Unicorn on the way');
  await items
    .first()
    .getByRole('button', { name: /^Cancel the ride of / })
    .click();
  await expect(items.first()).toContainText('Status: Cancelled');

  // Now the request goes through.
  await page.goto('/ride');
  await clickMap(page);
  const booked = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  expect((await booked).status()).toBe(201);
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  await page.getByRole('button', { name: 'Cancel ride' }).click();
  await expect(rideState(page)).toHaveText('Cancelled');
});
