import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { looksSignedIn } from '../../src/features/auth/session/session-store';
import { renderApp, storeSession, testConfig } from '../helpers';

afterEach(() => vi.unstubAllGlobals());

describe('signing out from the header', () => {
  it('forgets the tokens, returns to sign-in, and asks Cognito to revoke the refresh token', async () => {
    const user = userEvent.setup();
    storeSession();
    const fetchFn = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetchFn);
    renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(looksSignedIn(testConfig.cognito.userPoolClientId)).toBe(false);
    expect(window.location.pathname + window.location.search).toBe('/signin?reason=signedout');
    await waitFor(() => expect(fetchFn).toHaveBeenCalled());
    const [url, init] = fetchFn.mock.calls[0] ?? [];
    expect(url).toBe('https://cognito-idp.us-east-1.amazonaws.com/');
    expect(new Headers(init?.headers).get('X-Amz-Target')).toBe('AWSCognitoIdentityProviderService.RevokeToken');
    expect(JSON.parse(String(init?.body))).toEqual({ ClientId: 'client1', Token: 'refresh-token' });
  });
});
