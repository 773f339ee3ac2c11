import { afterEach, describe, expect, it, vi } from 'vitest';
import { REFRESH_TIMEOUT_MS, Session, SessionExpiredError } from '../src/auth/session';
import { looksSignedIn } from '../src/auth/session-store';
import { fakeJwt, storeSession, testConfig } from './helpers';

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

  it('refreshes a token about to expire, stores the new one, and shares one request between callers', async () => {
    const { prefix } = storeSession({ exp: inSeconds(60) });
    const fresh = fakeJwt({ exp: inSeconds(3600) });
    const fetchFn = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) =>
      cognitoJson({ AuthenticationResult: { IdToken: fresh, AccessToken: 'new-access' } }),
    );
    const session = new Session({ ...testConfig.cognito, endpoint: 'http://localhost:9229' }, { fetch: fetchFn, now: () => now });
    const [a, b] = await Promise.all([session.idToken(), session.idToken()]);
    expect([a, b]).toEqual([fresh, fresh]);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0] ?? [];
    expect(url).toBe('http://localhost:9229');
    expect((init?.headers as Record<string, string> | undefined)?.['X-Amz-Target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(JSON.parse(String(init?.body))).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'client1',
      AuthParameters: { REFRESH_TOKEN: 'refresh-token' },
    });
    expect(localStorage.getItem(`${prefix}.idToken`)).toBe(fresh);
    expect(localStorage.getItem(`${prefix}.accessToken`)).toBe('new-access');
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
