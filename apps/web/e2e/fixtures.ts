import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createClient, type WildRydesClient } from '@wildrydes/client';
import { readStack, webOrigin } from '@wildrydes/local-stack/testing';

export { expect };

export const SCREENSHOT_DIR = path.join(import.meta.dirname, '..', 'test-results', 'screenshots');
mkdirSync(SCREENSHOT_DIR, { recursive: true });

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 812 };

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Every test fails on a console error, an uncaught exception or a request off localhost in any
 * page it opens: "no console errors" is part of the product. The guards watch the browser context,
 * so a page a test opens itself (a fresh one, to load from scratch) is held to them too. A test that
 * provokes an error on purpose names what it expects in `allowedErrors`.
 */
export const test = base.extend<{ allowedErrors: RegExp; consoleErrors: string[] }>({
  // A pattern that matches nothing: by default every console error fails the test.
  allowedErrors: [/(?!)/, { option: true }],
  consoleErrors: [
    async ({ context, allowedErrors }, use) => {
      const errors: string[] = [];
      context.on('console', (message) => {
        if (message.type() === 'error' && !allowedErrors.test(message.text())) errors.push(message.text());
      });
      context.on('weberror', (error) => errors.push(`uncaught: ${error.error().message}`));
      // Only localhost: anything else (map tiles from the internet, fonts) is a bug here.
      await context.route(/^(?!https?:\/\/(localhost|127\.0\.0\.1)[:/])[a-z]+:\/\//, (route) => {
        errors.push(`request off localhost: ${route.request().url()}`);
        return route.abort();
      });
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** A new email per run so registration never collides with an earlier run's rider. */
export function uniqueEmail(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@wildrydes.local`;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Clicks the map a little off its centre, where the pickup marker should land. */
export async function clickMap(page: Page, dx = 40, dy = 30): Promise<void> {
  const map = page.locator('.leaflet-container');
  const box = await map.boundingBox();
  if (!box) throw new Error('map not visible');
  await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
}

/** The typed API client against the local stack, from Node, with the web app's Origin (as a browser would send it). */
export async function stackClient(): Promise<WildRydesClient> {
  const { api } = await readStack();
  const withOrigin = ((url: string, init: RequestInit = {}) =>
    fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: webOrigin() } })) as typeof fetch;
  return createClient({ invokeUrl: api.url, fetch: withOrigin });
}

/** The anchor points of two markers (pin tip, unicorn hooves) are within a pixel of each other. */
export async function sameSpot(page: Page, pinAlt: string, pinAnchor: [number, number] = [12, 41]): Promise<boolean> {
  const pin = await page.locator(`.leaflet-marker-icon[alt="${pinAlt}"]`).boundingBox();
  const unicorn = await page.locator('.leaflet-marker-icon[alt="Unicorn"]').boundingBox();
  if (!pin || !unicorn) return false;
  return Math.abs(pin.x + pinAnchor[0] - (unicorn.x + 32)) <= 1 && Math.abs(pin.y + pinAnchor[1] - (unicorn.y + 60)) <= 1;
}

/** The "Your ride" box's status, as the rider reads it. */
export const rideState = (page: Page) => page.getByRole('region', { name: 'Your ride' }).locator('.ride-state');
