import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authError, fakeAuth, renderApp } from '../../helpers';

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
