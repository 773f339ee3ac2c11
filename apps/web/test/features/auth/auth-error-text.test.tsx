import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { authError, fakeAuth, GOOD_PASSWORD, renderApp } from '../../helpers';

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
