/**
 * The session's network side: refreshing the ID token with the refresh token, and revoking it at
 * sign-out. One HTTP call each, so the ride page needs no Cognito library (~26 kB gzip).
 */
import type { CognitoConfig } from '../config/runtime-config';
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

export function cognitoEndpoint(config: CognitoConfig): string {
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
  AuthenticationResult?: { IdToken?: string; AccessToken?: string };
}

export interface SessionDeps {
  storage?: Storage;
  fetch?: typeof fetch;
  now?: () => number;
}

export class Session {
  private readonly storage: Storage;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private refreshing: Promise<string> | undefined;

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
  refresh(): Promise<string> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    const session = this.current();
    if (!session) throw new SessionExpiredError('Not signed in');
    let result: RefreshResult;
    try {
      result = await cognitoCall<RefreshResult>(
        this.config,
        'InitiateAuth',
        {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: this.config.userPoolClientId,
          AuthParameters: { REFRESH_TOKEN: session.refreshToken },
        },
        this.fetchFn,
        REFRESH_TIMEOUT_MS,
      );
    } catch (error) {
      // Cognito refusing the refresh token means the session is over; a network failure does not.
      if (error instanceof Error && (error.name === 'NotAuthorizedException' || error.name === 'UserNotFoundException')) {
        clearSession(this.config.userPoolClientId, this.storage);
        throw new SessionExpiredError(error.message);
      }
      throw error;
    }
    const idToken = result.AuthenticationResult?.IdToken;
    if (!idToken) throw new Error('Cognito returned no ID token');
    const clientId = this.config.userPoolClientId;
    this.storage.setItem(userKey(clientId, session.username, 'idToken'), idToken);
    const accessToken = result.AuthenticationResult?.AccessToken;
    if (accessToken) this.storage.setItem(userKey(clientId, session.username, 'accessToken'), accessToken);
    return idToken;
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
