import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignInStep } from '../../../src/features/auth/auth-service';
import { AUTH_TIMEOUT_MS, lazyCognitoAuth } from '../../../src/features/auth/use-auth-service';
import { fakeAuth, GOOD_PASSWORD, renderApp, testConfig } from '../../helpers';

describe('a sign-in service that never answers', () => {
  it('gives up after the timeout, says so, and leaves the form ready for another try', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const hung = fakeAuth({
      signIn: () => {
        calls++;
        return calls === 1 ? new Promise<SignInStep>(() => {}) : Promise.resolve('signedIn');
      },
    });
    // The real wrapper the app uses around amazon-cognito-identity-js, with a short timeout.
    const auth = lazyCognitoAuth(testConfig.cognito, { timeoutMs: 200, loadService: async () => hung });
    renderApp('/signin', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The sign-in service is not answering. Please try again in a moment.'),
    );
    expect(screen.getByLabelText('Email')).toHaveProperty('value', 'rider@example.com');
    const submit = screen.getByRole('button', { name: 'Sign in' });
    expect(submit).toHaveProperty('disabled', false);

    await user.click(submit);
    await waitFor(() => expect(calls).toBe(2));
    await waitFor(() => expect(screen.queryByText(/not answering/)).toBeNull());
  });
});

describe('every Cognito call of the auth pages', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(['signUp', 'confirmSignUp', 'resendCode', 'signIn', 'forgotPassword', 'confirmPassword'] as const)(
    '%s gives up after 15 s by default, not sooner',
    async (call) => {
      expect(AUTH_TIMEOUT_MS).toBe(15_000);
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const never = () => new Promise<void>(() => {});
      const auth = lazyCognitoAuth(testConfig.cognito, { loadService: async () => fakeAuth({ [call]: never }) });
      let outcome: unknown = 'pending';
      (auth[call] as (...args: string[]) => Promise<void>)('rider@example.com', 'x', 'y').then(
        () => (outcome = 'answered'),
        (error: unknown) => (outcome = error),
      );
      await vi.advanceTimersByTimeAsync(AUTH_TIMEOUT_MS - 1);
      expect(outcome).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(outcome).toMatchObject({ name: 'AuthError', code: 'Timeout' });
    },
  );
});
