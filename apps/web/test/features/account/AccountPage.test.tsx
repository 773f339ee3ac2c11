import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AccountDeletion } from '@wildrydes/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../src/api/api';
import { AppContext } from '../../../src/config/app-context';
import AccountPage from '../../../src/features/account/AccountPage';
import type { Authenticator } from '../../../src/features/account/authenticator';
import { looksSignedIn } from '../../../src/features/auth/session/session-store';
import { I18nProvider } from '../../../src/i18n/i18n';
import { authError, renderApp, storeSession, testConfig } from '../../helpers';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

/** An authenticator that is off until a setup is confirmed with 123456. */
function fakeAuthenticator(on = false) {
  const state = { on };
  const authenticator = {
    isOn: vi.fn(async () => state.on),
    begin: vi.fn(async () => 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
    confirm: vi.fn(async (code: string) => {
      if (code !== '123456') throw authError('CodeMismatchException');
      state.on = true;
    }),
    turnOff: vi.fn(async () => {
      state.on = false;
    }),
  } satisfies Authenticator;
  return { authenticator, state };
}

/** The account page with its services injected, as the app renders it. */
function renderAccount(props: Parameters<typeof AccountPage>[0]) {
  window.history.replaceState(null, '', '/account');
  return render(
    <I18nProvider initialLang="en">
      <AppContext.Provider value={{ config: testConfig }}>
        <AccountPage {...props} />
      </AppContext.Provider>
    </I18nProvider>,
  );
}

describe('the account page', () => {
  it('sets up an authenticator app: QR code and key, a wrong code refused, the right one turns it on', async () => {
    storeSession();
    const user = userEvent.setup();
    const { authenticator, state } = fakeAuthenticator();
    renderAccount({ authenticator, client: { deleteAccount: vi.fn() } });
    const mine = await screen.findByRole('region', { name: 'Authenticator app' });
    await within(mine).findByText(/asks only for your password/);
    await user.click(within(mine).getByRole('button', { name: 'Set up an authenticator app' }));
    expect(await within(mine).findByRole('img', { name: /QR code/ })).toBeTruthy();
    expect(within(mine).getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeTruthy();
    const code = within(mine).getByLabelText('The 6-digit code the app shows');
    expect(document.activeElement).toBe(code);

    await user.type(code, '12');
    await user.click(within(mine).getByRole('button', { name: 'Turn on' }));
    expect(within(mine).getByText('Enter the 6-digit code the app shows.')).toBeTruthy();
    expect(authenticator.confirm).not.toHaveBeenCalled();

    await user.clear(code);
    await user.type(code, '654321');
    await user.click(within(mine).getByRole('button', { name: 'Turn on' }));
    expect((await within(mine).findByRole('alert')).textContent).toMatch(/Codes change every 30 seconds/);
    expect(state.on).toBe(false);

    await user.clear(code);
    await user.type(code, '123 456');
    await user.click(within(mine).getByRole('button', { name: 'Turn on' }));
    expect((await within(mine).findByRole('status')).textContent).toMatch(/sign-in asks for a code/);
    expect(state.on).toBe(true);
    await user.click(within(mine).getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(state.on).toBe(false));
  });
});

describe('deleting the account', () => {
  const deleted: ApiResult<AccountDeletion> = { ok: true, value: { Deleted: true, DeletedRides: 2 } };

  it('asks first; "Keep my account" changes nothing; confirming deletes, signs out and says so', async () => {
    storeSession({ exp: Math.floor(Date.now() / 1000) + 3600 });
    const user = userEvent.setup();
    const deleteAccount = vi.fn(async () => deleted);
    const page = renderAccount({ authenticator: fakeAuthenticator().authenticator, client: { deleteAccount } });
    const region = await within(page.container).findByRole('region', { name: 'Delete your account' });
    await user.click(within(region).getByRole('button', { name: 'Delete my account…' }));
    expect(document.activeElement?.textContent).toMatch(/Delete your account and every ride/);
    await user.click(within(region).getByRole('button', { name: 'Keep my account' }));
    expect(deleteAccount).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(region).getByRole('button', { name: 'Delete my account…' }));

    await user.click(within(region).getByRole('button', { name: 'Delete my account…' }));
    await user.click(within(region).getByRole('button', { name: 'Yes, delete my account' }));
    await waitFor(() => expect(window.location.pathname).toBe('/signin'));
    expect(deleteAccount).toHaveBeenCalledWith(expect.stringContaining('.'));
    expect(looksSignedIn(testConfig.cognito.userPoolClientId)).toBe(false);
  });

  it('tells the rider on the sign-in page that the account is gone', async () => {
    renderApp('/signin?reason=deleted');
    expect(await screen.findByText('Your account and your ride history were deleted.')).toBeTruthy();
  });

  it('keeps the account and says why when a ride is on its way, with a way to the ride', async () => {
    storeSession();
    const user = userEvent.setup();
    const deleteAccount = vi.fn(
      async (): Promise<ApiResult<AccountDeletion>> => ({ ok: false, kind: 'http', status: 409, message: 'busy', rideId: 'r1' }),
    );
    const page = renderAccount({ authenticator: fakeAuthenticator().authenticator, client: { deleteAccount } });
    const region = await within(page.container).findByRole('region', { name: 'Delete your account' });
    await user.click(within(region).getByRole('button', { name: 'Delete my account…' }));
    await user.click(within(region).getByRole('button', { name: 'Yes, delete my account' }));
    const alert = await within(region).findByRole('alert');
    await waitFor(() => expect(alert.textContent).toMatch(/still on its way/));
    expect(within(alert).getByRole('link', { name: 'Go to your ride' }).getAttribute('href')).toBe('/ride');
    expect(looksSignedIn(testConfig.cognito.userPoolClientId)).toBe(true);
  });
});
