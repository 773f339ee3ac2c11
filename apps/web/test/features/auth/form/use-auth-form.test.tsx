import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeAuth, renderApp } from '../../../helpers';

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
