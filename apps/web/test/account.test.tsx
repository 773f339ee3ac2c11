import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AccountDeletion } from '@wildrydes/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../src/api/api';
import { AppContext } from '../src/app/app-context';
import AccountPage from '../src/features/account/AccountPage';
import type { Authenticator } from '../src/features/account/authenticator';
import { createAuthenticator } from '../src/features/account/authenticator';
import { groupedSecret, otpauthUri } from '../src/features/account/otpauth';
import { normaliseCode } from '../src/features/auth/form/field-checks';
import { looksSignedIn, tokenStorage } from '../src/features/auth/session/session-store';
import { I18nProvider } from '../src/i18n/i18n';
import { authError, fakeAuth, renderApp, storeSession, testConfig } from './helpers';

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

describe('otpauth', () => {
  it('builds the key URI authenticator apps read, with the issuer as label prefix and parameter', () => {
    expect(otpauthUri('ann@example.com', 'ABCDEF')).toBe(
      'otpauth://totp/Wild%20Rydes:ann%40example.com?secret=ABCDEF&issuer=Wild%20Rydes&algorithm=SHA1&digits=6&period=30',
    );
  });
  it('groups the secret by four for typing, and takes codes with spaces or dashes', () => {
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('123-456')).toBe('123456');
    expect(normaliseCode('12345')).toBeUndefined();
    expect(normaliseCode('12345a')).toBeUndefined();
  });
});

describe('tokenStorage', () => {
  it('keeps every token amazon-cognito-identity-js writes but the access token', () => {
    const storage = tokenStorage(localStorage);
    storage.setItem('CognitoIdentityServiceProvider.c.u.idToken', 'id');
    storage.setItem('CognitoIdentityServiceProvider.c.u.accessToken', 'access');
    storage.setItem('CognitoIdentityServiceProvider.c.u.refreshToken', 'refresh');
    storage.setItem('elsewhere.accessToken', 'not ours');
    expect(localStorage.getItem('CognitoIdentityServiceProvider.c.u.idToken')).toBe('id');
    expect(localStorage.getItem('CognitoIdentityServiceProvider.c.u.refreshToken')).toBe('refresh');
    expect(localStorage.getItem('CognitoIdentityServiceProvider.c.u.accessToken')).toBeNull();
    expect(localStorage.getItem('elsewhere.accessToken')).toBe('not ours');
  });
});

describe('createAuthenticator', () => {
  const cognitoJson = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

  it('sets up with the account’s fresh access token: associate, verify, then prefer the app', async () => {
    const calls: { action: string; body: Record<string, unknown> }[] = [];
    const fetchFn = (async (_url: string, init: RequestInit) => {
      const action = String((init.headers as Record<string, string>)['X-Amz-Target'])
        .split('.')
        .pop()!;
      calls.push({ action, body: JSON.parse(String(init.body)) });
      if (action === 'AssociateSoftwareToken') return cognitoJson({ SecretCode: 'SECRET' });
      if (action === 'VerifySoftwareToken') return cognitoJson({ Status: 'SUCCESS' });
      if (action === 'GetUser') return cognitoJson({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
      return cognitoJson({});
    }) as unknown as typeof fetch;
    let n = 0;
    const authenticator = createAuthenticator(testConfig.cognito, { accessToken: async () => `access-${++n}` }, fetchFn);
    expect(await authenticator.begin()).toBe('SECRET');
    await authenticator.confirm('123456');
    expect(await authenticator.isOn()).toBe(true);
    expect(calls).toEqual([
      { action: 'AssociateSoftwareToken', body: { AccessToken: 'access-1' } },
      { action: 'VerifySoftwareToken', body: { AccessToken: 'access-2', UserCode: '123456', FriendlyDeviceName: 'Wild Rydes' } },
      {
        action: 'SetUserMFAPreference',
        body: { AccessToken: 'access-3', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } },
      },
      { action: 'GetUser', body: { AccessToken: 'access-4' } },
    ]);
  });

  it('refuses a wrong code as Cognito says it, and turns nothing on', async () => {
    const actions: string[] = [];
    const fetchFn = (async (_url: string, init: RequestInit) => {
      actions.push(
        String((init.headers as Record<string, string>)['X-Amz-Target'])
          .split('.')
          .pop()!,
      );
      return cognitoJson({ __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch' }, 400);
    }) as unknown as typeof fetch;
    const authenticator = createAuthenticator(testConfig.cognito, { accessToken: async () => 'a' }, fetchFn);
    await expect(authenticator.confirm('000000')).rejects.toMatchObject({ code: 'EnableSoftwareTokenMFAException' });
    expect(actions).toEqual(['VerifySoftwareToken']);
  });
});

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
