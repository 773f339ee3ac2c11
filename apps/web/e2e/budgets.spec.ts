import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { demoRider } from '@wildrydes/local-stack/testing';
import { expect, signIn, test } from './fixtures';

/** The budgets a later benchmark enforces, in gzip kB of JavaScript per page load. */
const LANDING_KB = 75;
const RIDE_KB = 140;

/** Text only Leaflet's code holds, and only amazon-cognito-identity-js's: chunk names can change. */
const LEAFLET = 'leaflet-container';
const COGNITO_LIBRARY = 'PASSWORD_VERIFIER';

/** Loads `path` from scratch and sums the gzip size of every script it downloads. */
async function scriptKb(
  page: Page,
  path: string,
  ready: () => Promise<void>,
): Promise<{ kb: number; files: string[]; loads: (marker: string) => boolean }> {
  const sizes = new Map<string, number>();
  const bodies: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then((body) => {
        sizes.set(new URL(response.url()).pathname, gzipSync(body).length);
        bodies.push(body.toString('utf8'));
      }),
    );
  });
  await page.goto(path);
  await ready();
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  return { kb: total / 1000, files: [...sizes.keys()], loads: (marker) => bodies.some((b) => b.includes(marker)) };
}

test('the landing page stays within its JavaScript budget and loads neither Leaflet nor Cognito', async ({ page }) => {
  const { kb, files, loads } = await scriptKb(page, '/', () =>
    expect(page.getByRole('heading', { level: 1, name: 'Daily unicorn rides, on demand' })).toBeVisible(),
  );
  test.info().annotations.push({ type: 'landing JS gzip kB', description: kb.toFixed(1) });
  expect(loads(LEAFLET), files.join(', ')).toBe(false);
  expect(loads(COGNITO_LIBRARY), files.join(', ')).toBe(false);
  expect(kb).toBeLessThanOrEqual(LANDING_KB);
});

test('the ride page, opened by a signed-in rider, stays within its budget without the Cognito library', async ({ page }) => {
  await signIn(page, demoRider.email, demoRider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  const fresh = await page.context().newPage();
  const { kb, files, loads } = await scriptKb(fresh, '/ride', async () => {
    await expect(fresh.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
    await expect(fresh.locator('.leaflet-container')).toBeVisible();
  });
  test.info().annotations.push({ type: 'ride JS gzip kB', description: kb.toFixed(1) });
  // The markers are real: the ride page does load Leaflet.
  expect(loads(LEAFLET), files.join(', ')).toBe(true);
  expect(loads(COGNITO_LIBRARY), files.join(', ')).toBe(false);
  expect(kb).toBeLessThanOrEqual(RIDE_KB);
  await fresh.close();
});

test('My rides, opened by a signed-in rider, stays within the ride page budget', async ({ page }) => {
  await signIn(page, demoRider.email, demoRider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  const fresh = await page.context().newPage();
  const { kb, files, loads } = await scriptKb(fresh, '/rides', async () => {
    await expect(fresh.getByRole('heading', { level: 1, name: 'My rides' })).toBeVisible();
    await expect(fresh.getByRole('status')).not.toHaveText('Loading your rides…');
  });
  test.info().annotations.push({ type: 'my-rides JS gzip kB', description: kb.toFixed(1) });
  expect(loads(COGNITO_LIBRARY), files.join(', ')).toBe(false);
  expect(kb).toBeLessThanOrEqual(RIDE_KB);
  await fresh.close();
});
