import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authError, fakeAuth, GOOD_PASSWORD, renderApp } from '../../helpers';

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
