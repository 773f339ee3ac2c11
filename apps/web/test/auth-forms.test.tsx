import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignInStep } from '../src/features/auth/auth-service';
import { AUTH_TIMEOUT_MS, lazyCognitoAuth } from '../src/features/auth/use-auth-service';
import { authError, fakeAuth, renderApp, testConfig } from './helpers';

const GOOD_PASSWORD = 'Unicorn-ride-1';

describe('Register', () => {
  it('explains every empty field and moves focus to the first one', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/register', { auth });
    await user.click(await screen.findByRole('button', { name: 'Register' }));

    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(screen.getAllByText('Fill in this field.')).toHaveLength(3);
    expect(auth.signUp).not.toHaveBeenCalled();
  });

  it('shows each password rule as it is met and refuses a weak password', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/register', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    const password = screen.getByLabelText('Password');
    await user.type(password, 'unicorn1');

    const rule = (id: string) => document.querySelector(`[data-rule="${id}"]`)?.className;
    expect(rule('length')).toBe('rule-met');
    expect(rule('lower')).toBe('rule-met');
    expect(rule('digit')).toBe('rule-met');
    expect(rule('upper')).toBe('rule-unmet');
    expect(rule('symbol')).toBe('rule-unmet');

    await user.type(screen.getByLabelText('Confirm password'), 'unicorn1');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(screen.getByText('The password does not meet every rule below.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(password));
    // The rules are read with the field, so screen-reader users hear what is missing.
    expect(password.getAttribute('aria-describedby')).toContain('register-password-rules');
    expect(auth.signUp).not.toHaveBeenCalled();
  });

  it('catches a confirmation that does not match', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/register', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.type(screen.getByLabelText('Confirm password'), `${GOOD_PASSWORD}x`);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(screen.getByText('The passwords do not match.')).toBeTruthy();
    expect(auth.signUp).not.toHaveBeenCalled();
  });

  it('registers and goes on to verification with the email filled in', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/register', { auth });
    await user.type(await screen.findByLabelText('Email'), ' rider@example.com ');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.type(screen.getByLabelText('Confirm password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Register' }));

    expect(auth.signUp).toHaveBeenCalledWith('rider@example.com', GOOD_PASSWORD);
    expect(await screen.findByRole('heading', { level: 1, name: 'Verify your email' })).toBeTruthy();
    expect(window.location.pathname).toBe('/verify');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('rider@example.com');
    expect(screen.getByText('Registered. We sent a verification code to rider@example.com.')).toBeTruthy();
    // Focus follows the page change so screen readers announce the new page.
    // Focus moves in an effect after the render: wait for it rather than race it.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
  });

  it('answers an email that already has an account exactly as a new one: no one learns who rides', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      signUp: async () => {
        throw authError('UsernameExistsException', 'User already exists');
      },
    });
    renderApp('/register', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.type(screen.getByLabelText('Confirm password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(window.location.pathname).toBe('/verify'));
    expect(screen.getByText('Registered. We sent a verification code to rider@example.com.')).toBeTruthy();
    expect(screen.queryByText(/already exists/)).toBeNull();
  });

  it('shows Cognito’s other refusals in plain words', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      signUp: async () => {
        throw authError('InvalidPasswordException', 'Password did not conform with policy');
      },
    });
    renderApp('/register', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.type(screen.getByLabelText('Confirm password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Password did not conform with policy');
    expect(window.location.pathname).toBe('/register');
  });
});

describe('Verify', () => {
  it('wants the 6-digit code', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/verify?email=rider%40example.com', { auth });
    await user.type(await screen.findByLabelText('Verification code'), '12ab');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(screen.getByText('Enter the 6-digit code from the email.')).toBeTruthy();
    expect(auth.confirmSignUp).not.toHaveBeenCalled();
  });

  it('confirms and sends the rider to sign in', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/verify?email=rider%40example.com', { auth });
    await user.type(await screen.findByLabelText('Verification code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(auth.confirmSignUp).toHaveBeenCalledWith('rider@example.com', '123456');
    expect(await screen.findByText('Your email is verified. You can sign in now.')).toBeTruthy();
    expect(window.location.pathname).toBe('/signin');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('rider@example.com');
  });

  it('sends a new code and says so', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/verify?email=rider%40example.com', { auth });
    await user.click(await screen.findByRole('button', { name: 'Send a new code' }));
    expect(auth.resendCode).toHaveBeenCalledWith('rider@example.com');
    expect(await screen.findByText('A new code is on its way to rider@example.com.')).toBeTruthy();
  });

  it('explains a wrong code', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      confirmSignUp: async () => {
        throw authError('CodeMismatchException', 'Invalid verification code provided');
      },
    });
    renderApp('/verify?email=rider%40example.com', { auth });
    await user.type(await screen.findByLabelText('Verification code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code is not right. Check the email and try again.');
  });
});

describe('Sign in', () => {
  it('says the email or password is wrong, without saying which', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      signIn: async () => {
        throw authError('NotAuthorizedException', 'Incorrect username or password.');
      },
    });
    renderApp('/signin', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Incorrect email or password.');
    expect(auth.signIn).toHaveBeenCalledWith('rider@example.com', 'wrong');
  });

  it('returns the rider to the page they came from', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/signin?next=%2Fregister%3Fx%3D1&reason=expired', { auth });
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy();
    await user.type(screen.getByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/register?x=1'));
  });

  it('never follows a "next" link off the site', async () => {
    const user = userEvent.setup();
    renderApp('/signin?next=%2F%2Fevil.example%2F', { auth: fakeAuth() });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(window.location.pathname).toBe('/ride'));
  });

  it('sends an unconfirmed rider to verification', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      signIn: async () => {
        throw authError('UserNotConfirmedException', 'User is not confirmed.');
      },
    });
    renderApp('/signin', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Verify your email' })).toBeTruthy();
    expect(window.location.search).toBe('?email=rider%40example.com');
  });
});

describe('Forgot password', () => {
  it('asks for a code, then sets the new password and returns to sign in', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth();
    renderApp('/forgot?email=rider%40example.com', { auth });
    await user.click(await screen.findByRole('button', { name: 'Send code' }));
    expect(auth.forgotPassword).toHaveBeenCalledWith('rider@example.com');

    const code = await screen.findByLabelText('Verification code');
    // Focus moves in an effect after the render: wait for it rather than race it.
    await waitFor(() => expect(document.activeElement).toBe(code));
    await user.type(code, '654321');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(screen.getByText('The password does not meet every rule below.')).toBeTruthy();
    expect(auth.confirmPassword).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(auth.confirmPassword).toHaveBeenCalledWith('rider@example.com', '654321', GOOD_PASSWORD);
    expect(await screen.findByText('Your password was changed. Sign in with the new one.')).toBeTruthy();
  });

  it('answers an email without an account exactly as one with: no one learns who rides', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      forgotPassword: async () => {
        throw authError('UserNotFoundException', 'Username/client id combination not found.');
      },
    });
    renderApp('/forgot?email=nobody%40example.com', { auth });
    await user.click(await screen.findByRole('button', { name: 'Send code' }));
    expect(await screen.findByLabelText('Verification code')).toBeTruthy();
    expect(screen.queryByRole('alert')?.textContent ?? '').toBe('');
  });
});

describe('auth error wording', () => {
  it('treats cognito-local’s InvalidPasswordException on sign-in as a wrong password', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      signIn: async () => {
        throw authError('InvalidPasswordException', 'Invalid password');
      },
    });
    renderApp('/signin', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), 'Wrong-1!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Incorrect email or password.');
  });

  it('keeps Cognito’s own words for a password policy refusal on register', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      signUp: async () => {
        throw authError('InvalidPasswordException', 'Password must have symbol characters');
      },
    });
    renderApp('/register', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), GOOD_PASSWORD);
    await user.type(screen.getByLabelText('Confirm password'), GOOD_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Something went wrong: Password must have symbol characters');
  });
});

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

describe('loading the Cognito library', () => {
  it('starts when the rider first focuses a form field, once', async () => {
    const user = userEvent.setup();
    const preload = vi.fn();
    renderApp('/signin', { auth: { ...fakeAuth(), preload } });
    const email = await screen.findByLabelText('Email');
    expect(preload).not.toHaveBeenCalled();
    await user.click(email);
    await user.click(screen.getByLabelText('Password'));
    expect(preload).toHaveBeenCalledTimes(1);
  });
});
