import type { CognitoConfig } from '../../config/runtime-config';
import { AuthError } from '../auth/auth-service';
import { cognitoCall, type Session } from '../auth/session/session';

/** How long an authenticator call waits for Cognito. */
const TIMEOUT_MS = 10_000;

/**
 * The rider's authenticator app (Cognito's TOTP "software token" MFA), managed with the account's
 * own access token: fetched fresh for each step (Session.accessToken) and never stored.
 */
export interface Authenticator {
  /** Whether sign-in asks for a code from an authenticator app. */
  isOn(): Promise<boolean>;
  /** Starts a setup: the secret to show as a QR code (and as text). Nothing changes until `confirm`. */
  begin(): Promise<string>;
  /** Checks a code made from the new secret, then makes sign-in ask for codes. */
  confirm(code: string): Promise<void>;
  turnOff(): Promise<void>;
}

/** Cognito's failures as AuthErrors, so the page words them like every other sign-in error. */
async function call<T>(config: CognitoConfig, fetchFn: typeof fetch, action: string, body: Record<string, unknown>): Promise<T> {
  try {
    return await cognitoCall<T>(config, action, body, fetchFn, TIMEOUT_MS);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') throw new AuthError('Timeout', error.message);
    if (error instanceof TypeError) throw new AuthError('NetworkError', error.message);
    if (error instanceof Error) throw new AuthError(error.name, error.message);
    throw error;
  }
}

export function createAuthenticator(
  config: CognitoConfig,
  session: Pick<Session, 'accessToken'>,
  fetchFn: typeof fetch = fetch.bind(globalThis),
): Authenticator {
  const withToken = async <T>(action: string, body: Record<string, unknown> = {}) =>
    call<T>(config, fetchFn, action, { AccessToken: await session.accessToken(), ...body });
  const setPreference = (enabled: boolean) =>
    withToken('SetUserMFAPreference', { SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled } });

  return {
    async isOn() {
      const user = await withToken<{ UserMFASettingList?: string[] }>('GetUser');
      return (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
    },
    async begin() {
      const { SecretCode } = await withToken<{ SecretCode?: string }>('AssociateSoftwareToken');
      if (!SecretCode) throw new AuthError('Error', 'Cognito returned no secret');
      return SecretCode;
    },
    async confirm(code) {
      const { Status } = await withToken<{ Status?: string }>('VerifySoftwareToken', { UserCode: code, FriendlyDeviceName: 'Wild Rydes' });
      if (Status !== undefined && Status !== 'SUCCESS') throw new AuthError('CodeMismatchException', 'The code does not match');
      await setPreference(true);
    },
    async turnOff() {
      await setPreference(false);
    },
  };
}
