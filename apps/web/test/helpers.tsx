import { render } from '@testing-library/react';
import { vi } from 'vitest';
import { App } from '../src/app/App';
import type { RuntimeConfig } from '../src/config/runtime-config';
import { AuthError, type AuthService } from '../src/features/auth/auth-service';
import { I18nProvider, type Lang } from '../src/i18n/i18n';

export const testConfig: RuntimeConfig = {
  cognito: { userPoolId: 'local_test1', userPoolClientId: 'client1', region: 'us-east-1', authFlow: 'USER_PASSWORD_AUTH' },
  api: { invokeUrl: 'http://localhost:3000' },
  map: { tileUrl: '/tiles/local.png', attribution: 'test', center: [47.6, -122.3], zoom: 13, offline: true },
};

/** A password that meets every rule of the user pool's policy. */
export const GOOD_PASSWORD = 'Unicorn-ride-1';

/** An AuthService whose every call succeeds unless a test says otherwise. */
export function fakeAuth(overrides: Partial<AuthService> = {}) {
  const ok = async () => {};
  return {
    signUp: vi.fn(overrides.signUp ?? ok),
    confirmSignUp: vi.fn(overrides.confirmSignUp ?? ok),
    resendCode: vi.fn(overrides.resendCode ?? ok),
    signIn: vi.fn(overrides.signIn ?? (async () => 'signedIn' as const)),
    answerCode: vi.fn(overrides.answerCode ?? ok),
    forgotPassword: vi.fn(overrides.forgotPassword ?? ok),
    confirmPassword: vi.fn(overrides.confirmPassword ?? ok),
  } satisfies AuthService;
}

export const authError = (code: string, message = code) => new AuthError(code, message);

export function renderApp(path: string, options: { auth?: AuthService; lang?: Lang; config?: RuntimeConfig } = {}) {
  window.history.replaceState(null, '', path);
  return render(
    <I18nProvider initialLang={options.lang ?? 'en'}>
      <App config={options.config ?? testConfig} authService={options.auth ?? fakeAuth()} />
    </I18nProvider>,
  );
}

/** A JWT-shaped token (unsigned: the app only reads it) with the given claims. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'RS256', kid: 'test' })}.${b64(claims)}.signature`;
}

/** Stores a session the way amazon-cognito-identity-js does after a sign-in (through tokenStorage: no access token). */
export function storeSession(options: { exp?: number; username?: string; clientId?: string } = {}) {
  const clientId = options.clientId ?? testConfig.cognito.userPoolClientId;
  const username = options.username ?? 'rider-1';
  const exp = options.exp ?? Math.floor(Date.now() / 1000) + 3600;
  const idToken = fakeJwt({ exp, email: 'rider@example.com', token_use: 'id' });
  const prefix = `CognitoIdentityServiceProvider.${clientId}`;
  localStorage.setItem(`${prefix}.LastAuthUser`, username);
  localStorage.setItem(`${prefix}.${username}.idToken`, idToken);
  localStorage.setItem(`${prefix}.${username}.refreshToken`, 'refresh-token');
  return { idToken, prefix: `${prefix}.${username}` };
}

/**
 * A fake clock from `at` for the status timers: only Date and setTimeout are faked, so React's
 * scheduler runs as usual, and the clock also moves on by itself so Testing Library's waits work.
 * Move it with `act(() => vi.advanceTimersByTime(ms))`; the test file restores real timers after.
 */
export function fakeClock(at: number): void {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  vi.setSystemTime(at);
}
