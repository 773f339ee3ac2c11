import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authError, fakeAuth, GOOD_PASSWORD, renderApp } from '../../helpers';

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
