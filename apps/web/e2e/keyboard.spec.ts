import { createRider } from '@wildrydes/local-stack/testing';
import { expect, rideState, test } from './fixtures';

// Seattle's Pike Place Market, as the browser's location.
test.use({ geolocation: { latitude: 47.6097, longitude: -122.3422 }, permissions: ['geolocation'] });

test('a keyboard-only rider signs in, books a ride and cancels it without touching the map', async ({ page }) => {
  // A rider of its own: the ride it books must be this rider's only one.
  const rider = await createRider();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The first Tab reaches the skip link, which jumps over the header.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  await page.getByRole('link', { name: 'I already have an account' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(rider.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(rider.password);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeFocused();
  const centre = page.getByRole('button', { name: 'Use map centre' });
  await centre.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Pickup set at 47.60620, -122.33210' })).toBeVisible();
  await expect(page.locator('.leaflet-marker-icon[alt="Pickup point"]')).toBeVisible();

  // Tab onward from the centre button to Request Unicorn, as a keyboard user would.
  const request = page.getByRole('button', { name: 'Request Unicorn' });
  for (let i = 0; i < 5 && !(await request.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(request).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /is on (his|her) way\./ })).toBeVisible();
  await expect(rideState(page)).toHaveText('Unicorn on the way');

  // The ride's button is now Cancel, in the same place: Enter cancels, and focus stays there.
  const cancel = page.getByRole('button', { name: 'Cancel ride' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Ride cancelled\. .+ is free for other riders\.$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Request another ride' })).toBeFocused();

  // "Use my location" sets the pickup where the browser says the rider is.
  await page.getByRole('button', { name: 'Use my location' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Pickup set at 47.60970, -122.34220' })).toBeVisible();
});
