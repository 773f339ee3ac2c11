import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type IAuthenticationCallback,
} from 'amazon-cognito-identity-js';
import type { CognitoConfig } from '../../config/runtime-config';
import { AuthError, type AuthService, type SignInStep } from './auth-service';
import { tokenStorage } from './session/session-store';

/** amazon-cognito-identity-js errors carry Cognito's exception name in `code` (or `name`). */
function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code ?? error.name;
    return new AuthError(code || 'Error', error.message);
  }
  return new AuthError('Error', String(error));
}

export function createCognitoAuth(config: CognitoConfig): AuthService {
  const storage = tokenStorage();
  const pool = new CognitoUserPool({
    UserPoolId: config.userPoolId,
    ClientId: config.userPoolClientId,
    Storage: storage,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  /** The rider whose sign-in waits for an authenticator code (the library keeps Cognito's session in it). */
  let awaitingCode: CognitoUser | undefined;

  const userFor = (email: string) => {
    const user = new CognitoUser({ Username: email, Pool: pool, Storage: storage });
    // cognito-local has no SRP; real Cognito keeps the default, which never sends the password.
    if (config.authFlow === 'USER_PASSWORD_AUTH') user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    return user;
  };

  /** Adapts the library's node-style callbacks. */
  const settle = <T>(run: (done: (err: unknown, value?: T) => void) => void): Promise<void> =>
    new Promise((resolve, reject) => {
      run((err) => (err ? reject(toAuthError(err)) : resolve()));
    });

  return {
    signUp: (email, password) =>
      settle((done) =>
        pool.signUp(email, password, [new CognitoUserAttribute({ Name: 'email', Value: email })], [], (err, result) => done(err, result)),
      ),

    confirmSignUp: (email, code) =>
      settle((done) => userFor(email).confirmRegistration(code, true, (err: unknown, result: unknown) => done(err, result))),

    resendCode: (email) => settle((done) => userFor(email).resendConfirmationCode((err, result) => done(err, result))),

    signIn: (email, password) =>
      new Promise<SignInStep>((resolve, reject) => {
        const user = userFor(email);
        awaitingCode = undefined;
        user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
          // The library has stored the tokens by now (tokenStorage: all but the access token); session.ts reads them.
          onSuccess: () => resolve('signedIn'),
          onFailure: (err: unknown) => reject(toAuthError(err)),
          newPasswordRequired: () =>
            reject(new AuthError('NewPasswordRequired', 'This account needs a new password: use "Forgot your password?".')),
          mfaRequired: () => reject(new AuthError('MfaRequired', 'Text-message codes are not offered by this app.')),
          totpRequired: () => {
            awaitingCode = user;
            resolve('codeRequired');
          },
        });
      }),

    answerCode: (code) =>
      new Promise<void>((resolve, reject) => {
        const user = awaitingCode;
        if (!user) {
          reject(new AuthError('NotAuthorizedException', 'Sign in with your password first.'));
          return;
        }
        const callbacks: IAuthenticationCallback = {
          onSuccess: () => {
            awaitingCode = undefined;
            resolve();
          },
          // A wrong code may be tried again in the same sign-in (Cognito allows a few).
          onFailure: (err: unknown) => reject(toAuthError(err)),
        };
        user.sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA');
      }),

    forgotPassword: (email) =>
      new Promise<void>((resolve, reject) => {
        userFor(email).forgotPassword({
          onSuccess: () => resolve(),
          onFailure: (err) => reject(toAuthError(err)),
          inputVerificationCode: () => resolve(),
        });
      }),

    confirmPassword: (email, code, newPassword) =>
      new Promise<void>((resolve, reject) => {
        userFor(email).confirmPassword(code, newPassword, {
          onSuccess: () => resolve(),
          onFailure: (err) => reject(toAuthError(err)),
        });
      }),
  };
}
