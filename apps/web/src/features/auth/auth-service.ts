/**
 * What the auth pages need from Cognito, and how it fails. Pages get the service from
 * use-auth-service.ts, so tests can pass a fake and the Cognito library loads only when used.
 */
export interface AuthService {
  signUp(email: string, password: string): Promise<void>;
  confirmSignUp(email: string, code: string): Promise<void>;
  resendCode(email: string): Promise<void>;
  /**
   * Resolves `signedIn` once the tokens are stored (see session/session-store.ts for where they go), or `codeRequired`
   * when the account has an authenticator app: then `answerCode` completes this sign-in.
   */
  signIn(email: string, password: string): Promise<SignInStep>;
  /** The 6-digit code from the rider's authenticator app, for the sign-in that asked for it. */
  answerCode(code: string): Promise<void>;
  forgotPassword(email: string): Promise<void>;
  confirmPassword(email: string, code: string, newPassword: string): Promise<void>;
  /** Starts fetching the code behind the service, if it is loaded lazily. */
  preload?(): void;
}

export type SignInStep = 'signedIn' | 'codeRequired';

/** A failure with Cognito's error code (e.g. "NotAuthorizedException") for the UI to translate. */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
