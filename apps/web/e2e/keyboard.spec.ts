import { demoRider } from '@wildrydes/local-stack/testing';
import { expect, test } from './fixtures';

// Seattle's Pike Place Market, as the browser's location.
test.use({ geolocation: { latitude: 47.6097, longitude: -122.3422 }, permissions: ['geolocation'] });

test('a keyboard-only rider signs in and books a ride without touching the map', async ({ page }) => {
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
  await page.keyboard.type(demoRider.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(demoRider.password);
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
  await expect(page.getByRole('status').filter({ hasText: /has arrived\. Giddy up!$/ })).toBeVisible({ timeout: 10_000 });

  // "Use my location" sets the pickup where the browser says the rider is.
  await page.getByRole('button', { name: 'Use my location' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Pickup set at 47.60970, -122.34220' })).toBeVisible();
});
