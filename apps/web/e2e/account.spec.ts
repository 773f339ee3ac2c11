import { createRider } from '@wildrydes/local-stack/testing';
import { generateSync } from 'otplib';
import { expect, signIn, snap, test } from './fixtures';

/** The code an authenticator app would show now for `secret` (TOTP: SHA-1, 6 digits, 30 s). */
const codeFor = (secret: string) => generateSync({ secret, algorithm: 'sha1', digits: 6, period: 30 });

// Signing in to a deleted account is refused by Cognito with HTTP 400, which the browser logs.
test.use({ allowedErrors: /status of 400/ });

test('a rider turns on an authenticator app, signs in with a code, then deletes the account and cannot sign in again', async ({ page }) => {
  const rider = await createRider();
  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();

  // Set up: the QR code and its key; the code the app would show turns it on.
  await page.getByRole('link', { name: 'Account' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  const mfa = page.getByRole('region', { name: 'Authenticator app' });
  await expect(mfa.getByText(/asks only for your password/)).toBeVisible();
  await mfa.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(mfa.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await mfa.locator('code.secret').textContent())?.replace(/\s/g, '') ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(mfa.getByLabel('The 6-digit code the app shows')).toBeFocused();
  await snap(page, 'account-authenticator-setup');
  await mfa.getByLabel('The 6-digit code the app shows').fill(codeFor(secret));
  await mfa.getByRole('button', { name: 'Turn on' }).click();
  await expect(mfa.getByRole('status')).toHaveText(/from now on, sign-in asks for a code/);

  // No access token is kept in the browser, and the refresh token has rotated since sign-in.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.accessToken')));
  expect(stored).toEqual([]);

  // Sign out, and in again: the password, then the code.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, rider.email, rider.password);
  const code = page.getByLabel('Code from your authenticator app');
  await expect(code).toBeFocused();
  await code.fill(codeFor(secret));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Request a unicorn' })).toBeVisible();

  // Delete the account, behind a confirmation.
  await page.goto('/account');
  await expect(mfa.getByText('Sign-in asks for a code from your authenticator app.')).toBeVisible();
  const danger = page.getByRole('region', { name: 'Delete your account' });
  await danger.getByRole('button', { name: 'Delete my account…' }).click();
  await expect(page.locator(':focus')).toHaveText(/Delete your account and every ride/);
  await danger.getByRole('button', { name: 'Yes, delete my account' }).click();
  await expect(page).toHaveURL(/\/signin\?reason=deleted$/);
  await expect(page.getByText('Your account and your ride history were deleted.')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider')))).toEqual([]);

  await signIn(page, rider.email, rider.password);
  await expect(page.getByRole('alert')).toHaveText('Incorrect email or password.');
});
