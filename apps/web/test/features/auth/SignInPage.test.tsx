import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authError, fakeAuth, GOOD_PASSWORD, renderApp, storeSession } from '../../helpers';

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

describe('signing in with an authenticator app', () => {
  it('asks for the code after the password, refuses a malformed one, and signs in with the right one', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({ signIn: async () => 'codeRequired' });
    renderApp('/signin?next=%2Frides', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), 'Secret-pass-1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByLabelText('Code from your authenticator app');
    await waitFor(() => expect(document.activeElement).toBe(code));
    await user.type(code, '12x');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByText('Enter the 6-digit code your authenticator app shows.')).toBeTruthy();
    expect(auth.answerCode).not.toHaveBeenCalled();
    await user.clear(code);
    await user.type(code, '123456');
    storeSession();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(window.location.pathname).toBe('/rides'));
    expect(auth.answerCode).toHaveBeenCalledWith('123456');
  });

  it('offers to start again when the sign-in expired before the code came', async () => {
    const user = userEvent.setup();
    const auth = fakeAuth({
      signIn: async () => 'codeRequired',
      answerCode: async () => {
        throw authError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
      },
    });
    renderApp('/signin', { auth });
    await user.type(await screen.findByLabelText('Email'), 'rider@example.com');
    await user.type(screen.getByLabelText('Password'), 'Secret-pass-1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText('Code from your authenticator app'), '123456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This sign-in took too long. Sign in again with your password.');
    await user.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(await screen.findByLabelText('Password')).toBeTruthy();
  });
});
