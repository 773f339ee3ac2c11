import type { Page } from '@playwright/test';
import type { RideResponse } from '@wildrydes/contract';
import { createRider } from '@wildrydes/local-stack/testing';
import { clickMap, expect, PHONE, rideState, signIn, snap, test } from './fixtures';

interface Booked {
  name: string;
  color: string;
  pickup: string;
}

/**
 * Books one ride through the ride page at a map point, then cancels it (one ride at a time: the
 * next booking needs this one over); returns what the list should show for it.
 */
async function book(page: Page, dx: number, dy: number): Promise<Booked> {
  await clickMap(page, dx, dy);
  const answer = page.waitForResponse((r) => r.url().endsWith('/ride') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Request Unicorn' }).click();
  const response = await answer;
  expect(response.status()).toBe(201);
  const ride = (await response.json()) as RideResponse;
  // The confirmation says when the unicorn comes, from the API's ETA.
  await expect(page.locator('.ride-eta')).toHaveText(/^ Arriving in about [\d,]+ (second|minute|hour|day)s?\.$/);
  await expect(rideState(page)).toHaveText('Unicorn on the way');
  await page.getByRole('button', { name: 'Cancel ride' }).click();
  await expect(page.getByText(`Ride cancelled. ${ride.Unicorn.Name} is free for other riders.`)).toBeVisible();
  const { PickupLocation: p } = JSON.parse(response.request().postData() ?? '{}') as {
    PickupLocation: { Latitude: number; Longitude: number };
  };
  return { name: ride.Unicorn.Name, color: ride.Unicorn.Color, pickup: `Pickup at ${p.Latitude.toFixed(5)}, ${p.Longitude.toFixed(5)}` };
}

/** How many lines the header's brand, links and language switch take. */
const headerRows = (page: Page) =>
  page.evaluate(() => {
    const parts = [...document.querySelectorAll('.site-header .brand, .site-header nav li:not(.nav-wide), .site-header .lang-switch')];
    const centres = parts.map((el) => {
      const box = el.getBoundingClientRect();
      return (box.top + box.bottom) / 2;
    });
    centres.sort((a, b) => a - b);
    return centres.filter((c, i) => i === 0 || c - (centres[i - 1] ?? c) > 12).length;
  });

const items = (page: Page) => page.getByRole('list', { name: 'Your rides' }).getByRole('listitem');
const markers = (page: Page) => page.locator('.leaflet-marker-icon[alt^="Pickup of the ride at"]');

test('a new rider books three rides and finds them in My rides, newest first, a page at a time', async ({ page }) => {
  // With reduced motion the unicorn lands at once: three bookings stay quick.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();

  // A new rider has none yet.
  await page.getByRole('link', { name: 'My rides', exact: true }).click();
  await expect(page.getByText('No rides yet — request your first unicorn')).toBeVisible();
  await page.getByRole('link', { name: 'Request a unicorn' }).click();

  const booked = [await book(page, -80, -40), await book(page, 60, 30), await book(page, 10, 90)];
  const newestFirst = [...booked].reverse();

  // From the header: every ride on one page, with a marker each.
  await page.getByRole('link', { name: 'My rides', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My rides' })).toBeFocused();
  await expect(items(page)).toHaveCount(3);
  for (const [i, ride] of newestFirst.entries()) {
    await expect(items(page).nth(i)).toContainText(`Unicorn: ${ride.name} (${ride.color})`);
    await expect(items(page).nth(i)).toContainText(ride.pickup);
    await expect(items(page).nth(i)).toContainText('Status: Cancelled');
    // No drop-off was set: the ride ends where it began, and the list says nothing more.
    await expect(items(page).nth(i)).not.toContainText('Drop-off');
  }
  await expect(markers(page)).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: 'Rides shown: 3.' })).toBeVisible();
  await snap(page, 'my-rides-desktop');

  // Two a page: "Load more" fetches the rest with the cursor, by keyboard.
  const firstPage = page.waitForResponse((r) => /\/rides\?limit=2$/.test(r.url()));
  await page.goto('/rides?limit=2');
  expect((await firstPage).status()).toBe(200);
  await expect(items(page)).toHaveCount(2);
  await expect(markers(page)).toHaveCount(2);
  await expect(items(page).nth(0)).toContainText(newestFirst[0]?.pickup ?? '?');
  const more = page.getByRole('button', { name: 'Load more' });
  const secondPage = page.waitForResponse((r) => /\/rides\?limit=2&cursor=/.test(r.url()));
  await more.focus();
  await page.keyboard.press('Enter');
  expect((await secondPage).status()).toBe(200);
  await expect(items(page)).toHaveCount(3);
  await expect(items(page).nth(2)).toContainText(newestFirst[2]?.pickup ?? '?');
  await expect(items(page).nth(2)).toBeFocused();
  await expect(markers(page)).toHaveCount(3);
  await expect(page.getByRole('status')).toHaveText('Loaded 1 more. Rides shown: 3. That is all your rides.');
  await expect(more).toHaveCount(0);

  // On a phone: one-line header (My rides is linked from the ride page), no sideways scroll.
  await page.setViewportSize(PHONE);
  await page.goto('/ride');
  await page.getByRole('link', { name: 'See my rides' }).click();
  await expect(items(page)).toHaveCount(3);
  await expect(markers(page)).toHaveCount(3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect(await headerRows(page), 'header rows at 375 px').toBe(1);
  await snap(page, 'my-rides-phone');

  // In Korean too.
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('heading', { level: 1, name: '내 라이드' })).toBeVisible();
  await expect(page.getByRole('list', { name: '내 라이드 목록' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('list', { name: '내 라이드 목록' }).getByRole('listitem').first()).toContainText('상태: 취소됨');
  await expect(page.getByRole('status')).toHaveText('라이드 3건을 표시했습니다. 모든 라이드를 표시했습니다.');
  expect(await headerRows(page), 'header rows at 375 px (ko)').toBe(1);
  await snap(page, 'my-rides-phone-ko');
});
