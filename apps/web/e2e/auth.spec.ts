import { demoRider } from '@wildrydes/local-stack/testing';
import { expect, PHONE, signIn, snap, test } from './fixtures';

test.describe('sign-in and sign-out', () => {
  // The browser logs the refused sign-in request (HTTP 400 from Cognito) on its own.
  test.use({ allowedErrors: /status of 400/ });

  test('a wrong password gets a plain message and no session', async ({ page }) => {
    await signIn(page, demoRider.email, 'Wrong-password-1!');
    await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto('/ride');
    await expect(page).toHaveURL(/\/signin\?next=%2Fride$/);
  });
});

test('the demo rider signs in, is sent back to the ride page, and signs out', async ({ page }) => {
  await page.goto('/ride');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(demoRider.email);
  await page.getByLabel('Password').fill(demoRider.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();
  await expect(page).toHaveURL(/\/ride$/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider')));
  expect(stored).toEqual([]);
  await page.goto('/ride');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('phone-width pages and the Korean UI', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await snap(page, 'landing-phone');
  // Nothing sticks out sideways at 375 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await expect(page.getByRole('heading', { level: 1, name: '매일 타는 유니콘, 원할 때 바로' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '매일 타는 유니콘, 원할 때 바로' })).toBeVisible();
  await page.getByRole('link', { name: '로그인' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '로그인' })).toBeVisible();
  await snap(page, 'signin-phone-ko');
});
