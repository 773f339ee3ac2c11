import { afterEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_MARGIN_MS, REFRESH_TIMEOUT_MS, Session, SessionExpiredError } from '../../../../src/features/auth/session/session';
import { looksSignedIn } from '../../../../src/features/auth/session/session-store';
import { fakeJwt, storeSession, testConfig } from '../../../helpers';

const now = Date.UTC(2026, 0, 1);
const inSeconds = (s: number) => Math.floor(now / 1000) + s;
const cognitoJson = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/x-amz-json-1.1' } });

describe('Session', () => {
  it('reads the tokens amazon-cognito-identity-js stored and uses a fresh ID token as is', async () => {
    const { idToken } = storeSession({ exp: inSeconds(3600) });
    const fetchFn = vi.fn();
    const session = new Session(testConfig.cognito, { fetch: fetchFn, now: () => now });
    expect(looksSignedIn(testConfig.cognito.userPoolClientId)).toBe(true);
    expect(await session.idToken()).toBe(idToken);
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('refreshes a token about to expire with GetTokensFromRefreshToken, keeps the rotated refresh token, never the access token, and shares one request', async () => {
    const { prefix } = storeSession({ exp: inSeconds(60) });
    const fresh = fakeJwt({ exp: inSeconds(3600) });
    const fetchFn = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      cognitoJson({ AuthenticationResult: { IdToken: fresh, AccessToken: 'new-access', RefreshToken: 'rotated-refresh' } }),
    );
    const session = new Session({ ...testConfig.cognito, endpoint: 'http://localhost:9229' }, { fetch: fetchFn, now: () => now });
    const [a, b] = await Promise.all([session.idToken(), session.idToken()]);
    expect([a, b]).toEqual([fresh, fresh]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0] ?? [];
    expect(url).toBe('http://localhost:9229');
    expect((init?.headers as Record<string, string> | undefined)?.['X-Amz-Target']).toBe(
      'AWSCognitoIdentityProviderService.GetTokensFromRefreshToken',
    );
    expect(JSON.parse(String(init?.body))).toEqual({ ClientId: 'client1', RefreshToken: 'refresh-token' });
    expect(localStorage.getItem(`${prefix}.idToken`)).toBe(fresh);
    expect(localStorage.getItem(`${prefix}.refreshToken`)).toBe('rotated-refresh');
    expect(localStorage.getItem(`${prefix}.accessToken`)).toBeNull();
  });

  it('keeps the refresh token it has when the app client does not rotate', async () => {
    const { prefix } = storeSession({ exp: inSeconds(60) });
    const fetchFn = async () => cognitoJson({ AuthenticationResult: { IdToken: fakeJwt({ exp: inSeconds(3600) }) } });
    await new Session(testConfig.cognito, { fetch: fetchFn, now: () => now }).refresh();
    expect(localStorage.getItem(`${prefix}.refreshToken`)).toBe('refresh-token');
  });

  it('hands out an access token for the account page without storing it, and reuses it while it lasts', async () => {
    const { prefix } = storeSession({ exp: inSeconds(3600) });
    const access = (exp: number) => fakeJwt({ exp, token_use: 'access' });
    const tokens = [access(inSeconds(3600)), access(inSeconds(3600))];
    let calls = 0;
    const fetchFn = async () =>
      cognitoJson({
        AuthenticationResult: { IdToken: fakeJwt({ exp: inSeconds(3600) }), AccessToken: tokens[calls++], RefreshToken: 'r2' },
      });
    let clock = now;
    const session = new Session(testConfig.cognito, { fetch: fetchFn, now: () => clock });
    expect(await session.accessToken()).toBe(tokens[0]);
    expect(await session.accessToken()).toBe(tokens[0]);
    expect(calls).toBe(1);
    expect(localStorage.getItem(`${prefix}.accessToken`)).toBeNull();
    // Within the refresh margin of its expiry, a new one is fetched.
    clock = now + 3600_000 - REFRESH_MARGIN_MS + 1;
    expect(await session.accessToken()).toBe(tokens[1]);
    expect(calls).toBe(2);
  });

  it('survives another tab rotating the refresh token first: tries once more with the one it stored', async () => {
    const { prefix } = storeSession({ exp: inSeconds(-10) });
    const fresh = fakeJwt({ exp: inSeconds(3600) });
    const sent: string[] = [];
    const fetchFn = async (_url: string | URL | Request, init?: RequestInit) => {
      const { RefreshToken } = JSON.parse(String(init?.body)) as { RefreshToken: string };
      sent.push(RefreshToken);
      if (RefreshToken === 'refresh-token') {
        // The other tab won the race: it stored its new refresh token, and Cognito refuses the old one.
        localStorage.setItem(`${prefix}.refreshToken`, 'from-other-tab');
        return cognitoJson({ __type: 'NotAuthorizedException', message: 'Invalid Refresh Token' }, 400);
      }
      return cognitoJson({ AuthenticationResult: { IdToken: fresh, RefreshToken: 'next' } });
    };
    expect(await new Session(testConfig.cognito, { fetch: fetchFn, now: () => now }).idToken()).toBe(fresh);
    expect(sent).toEqual(['refresh-token', 'from-other-tab']);
    expect(localStorage.getItem(`${prefix}.refreshToken`)).toBe('next');
  });

  it('ends the session when Cognito refuses the refresh token', async () => {
    storeSession({ exp: inSeconds(-10) });
    const fetchFn = async () => cognitoJson({ __type: 'NotAuthorizedException', message: 'Refresh Token has expired' }, 400);
    const session = new Session(testConfig.cognito, { fetch: fetchFn, now: () => now });
    await expect(session.idToken()).rejects.toBeInstanceOf(SessionExpiredError);
    expect(looksSignedIn(testConfig.cognito.userPoolClientId)).toBe(false);
  });

  it('keeps the session through a network failure (the rider can retry)', async () => {
    storeSession({ exp: inSeconds(-10) });
    const session = new Session(testConfig.cognito, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      now: () => now,
    });
    await expect(session.idToken()).rejects.toThrow('Failed to fetch');
    expect(looksSignedIn(testConfig.cognito.userPoolClientId)).toBe(true);
  });

  describe('when Cognito does not answer a refresh', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('gives up after 10 s, not sooner, and keeps the session', async () => {
      expect(REFRESH_TIMEOUT_MS).toBe(10_000);
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      storeSession({ exp: inSeconds(-10) });
      let signal: AbortSignal | undefined;
      // A Cognito that never answers: only the abort ends the call, as a real fetch's does.
      const hung = (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(signal?.reason));
        });
      const refreshed = new Session(testConfig.cognito, { fetch: hung, now: () => now }).idToken();
      const outcome = refreshed.then(
        () => 'answered',
        (error: unknown) => error,
      );
      await vi.advanceTimersByTimeAsync(REFRESH_TIMEOUT_MS - 1);
      expect(signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(signal?.aborted).toBe(true);
      expect(await outcome).toMatchObject({ name: 'TimeoutError' });
      expect(looksSignedIn(testConfig.cognito.userPoolClientId)).toBe(true);
    });
  });

  it('has no session without stored tokens', async () => {
    await expect(new Session(testConfig.cognito).idToken()).rejects.toBeInstanceOf(SessionExpiredError);
  });
});
