/**
 * The session's network side: refreshing the ID token with the refresh token, and revoking it at
 * sign-out. One HTTP call each, so the ride page needs no Cognito library (~26 kB gzip).
 */
import type { CognitoConfig } from '../../../config/runtime-config';
import { expiresAt } from './jwt';
import { clearSession, readSession, type StoredSession, userKey } from './session-store';

/** Refresh this long before the ID token expires, so a request never leaves with a stale token. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** How long a token refresh waits for Cognito before giving up (the session stays: the rider can retry). */
export const REFRESH_TIMEOUT_MS = 10_000;

/** Thrown when there is no session, or Cognito refuses the refresh token: the rider must sign in. */
export class SessionExpiredError extends Error {
  constructor(message = 'Session expired') {
    super(message);
    this.name = 'SessionExpiredError';
  }
}

function cognitoEndpoint(config: CognitoConfig): string {
  return config.endpoint ?? `https://cognito-idp.${config.region}.amazonaws.com/`;
}

interface CognitoErrorBody {
  __type?: string;
  message?: string;
}

/** Calls one Cognito Identity Provider action, as the SDK would, without the SDK; gives up after `timeoutMs`. */
export async function cognitoCall<T>(
  config: CognitoConfig,
  action: string,
  body: unknown,
  fetchFn: typeof fetch,
  timeoutMs: number,
): Promise<T> {
  // A timer of the page's own (AbortSignal.timeout's cannot be driven by a test's clock), cleared
  // once the answer is read.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`Cognito did not answer within ${timeoutMs / 1000} s`, 'TimeoutError')),
    timeoutMs,
  );
  let response: Response;
  let data: T & CognitoErrorBody;
  try {
    response = await fetchFn(cognitoEndpoint(config), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    data = (await response.json().catch(() => ({}))) as T & CognitoErrorBody;
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    const type = (data.__type ?? '').split('#').pop() ?? '';
    const error = new Error(data.message ?? `Cognito ${action} failed with HTTP ${response.status}`);
    error.name = type || 'CognitoError';
    throw error;
  }
  return data;
}

interface RefreshResult {
  AuthenticationResult?: { IdToken?: string; AccessToken?: string; RefreshToken?: string };
}

interface SessionDeps {
  storage?: Storage;
  fetch?: typeof fetch;
  now?: () => number;
}

/** New tokens from one refresh: the access token is handed to the caller that asked, never stored. */
interface Refreshed {
  idToken: string;
  accessToken: string | undefined;
}

export class Session {
  private readonly storage: Storage;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private refreshing: Promise<Refreshed> | undefined;
  /** The last access token a refresh gave, in this object only (never in storage). */
  private lastAccessToken: string | undefined;

  constructor(
    private readonly config: CognitoConfig,
    deps: SessionDeps = {},
  ) {
    this.storage = deps.storage ?? localStorage;
    // Bound so that calling it detached does not throw "Illegal invocation".
    this.fetchFn = deps.fetch ?? fetch.bind(globalThis);
    this.now = deps.now ?? Date.now;
  }

  current(): StoredSession | undefined {
    return readSession(this.config.userPoolClientId, this.storage);
  }

  /** A usable ID token: the stored one, or a refreshed one when it expires within the margin. */
  async idToken(): Promise<string> {
    const session = this.current();
    if (!session) throw new SessionExpiredError('Not signed in');
    const exp = expiresAt(session.idToken);
    if (exp !== undefined && exp - this.now() > REFRESH_MARGIN_MS) return session.idToken;
    return this.refresh();
  }

  /** Trades the refresh token for new tokens. Concurrent callers share one request. */
  async refresh(): Promise<string> {
    return (await this.refreshed()).idToken;
  }

  /**
   * A usable access token, for the account's own Cognito calls (authenticator app setup): the one
   * the last refresh gave while it has time left, else a refreshed one. Never stored: it lives in
   * this object, which lives as long as the page that needs it, so a setup's three calls share one.
   */
  async accessToken(): Promise<string> {
    const held = this.lastAccessToken;
    const exp = held ? expiresAt(held) : undefined;
    if (held && exp !== undefined && exp - this.now() > REFRESH_MARGIN_MS) return held;
    const { accessToken } = await this.refreshed();
    if (!accessToken) throw new Error('Cognito returned no access token');
    return accessToken;
  }

  private refreshed(): Promise<Refreshed> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /**
   * GetTokensFromRefreshToken: the refresh the app client requires, since it rotates refresh
   * tokens. The new refresh token replaces the old one at once (another tab reads it from storage).
   */
  private async doRefresh(retried = false): Promise<Refreshed> {
    const session = this.current();
    if (!session) throw new SessionExpiredError('Not signed in');
    let result: RefreshResult;
    try {
      result = await cognitoCall<RefreshResult>(
        this.config,
        'GetTokensFromRefreshToken',
        { ClientId: this.config.userPoolClientId, RefreshToken: session.refreshToken },
        this.fetchFn,
        REFRESH_TIMEOUT_MS,
      );
    } catch (error) {
      // Cognito refusing the refresh token means the session is over; a network failure does not.
      if (error instanceof Error && (error.name === 'NotAuthorizedException' || error.name === 'UserNotFoundException')) {
        // Unless another tab rotated it meanwhile: then try once with the one it stored.
        const now = this.current();
        if (!retried && now && now.refreshToken !== session.refreshToken) return this.doRefresh(true);
        clearSession(this.config.userPoolClientId, this.storage);
        throw new SessionExpiredError(error.message);
      }
      throw error;
    }
    const { IdToken: idToken, AccessToken: accessToken, RefreshToken: refreshToken } = result.AuthenticationResult ?? {};
    if (!idToken) throw new Error('Cognito returned no ID token');
    const clientId = this.config.userPoolClientId;
    this.storage.setItem(userKey(clientId, session.username, 'idToken'), idToken);
    if (refreshToken) this.storage.setItem(userKey(clientId, session.username, 'refreshToken'), refreshToken);
    this.lastAccessToken = accessToken;
    return { idToken, accessToken };
  }
}

/** Best effort: the local session is already gone; revocation only stops a copied token. */
export function revokeRefreshToken(
  config: CognitoConfig,
  refreshToken: string,
  fetchFn: typeof fetch = fetch.bind(globalThis),
): Promise<void> {
  return cognitoCall(config, 'RevokeToken', { ClientId: config.userPoolClientId, Token: refreshToken }, fetchFn, 5_000).then(
    () => undefined,
    () => undefined,
  );
}
