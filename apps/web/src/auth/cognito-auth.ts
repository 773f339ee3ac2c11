import { AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool } from 'amazon-cognito-identity-js';
import type { CognitoConfig } from '../config/runtime-config';
import { AuthError, type AuthService } from './auth-service';

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
  const pool = new CognitoUserPool({
    UserPoolId: config.userPoolId,
    ClientId: config.userPoolClientId,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });

  const userFor = (email: string) => {
    const user = new CognitoUser({ Username: email, Pool: pool });
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
      new Promise<void>((resolve, reject) => {
        const user = userFor(email);
        user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
          // The library has stored the tokens in localStorage by now; session.ts reads them.
          onSuccess: () => resolve(),
          onFailure: (err: unknown) => reject(toAuthError(err)),
          newPasswordRequired: () =>
            reject(new AuthError('NewPasswordRequired', 'This account needs a new password: use "Forgot your password?".')),
          mfaRequired: () => reject(new AuthError('MfaRequired', 'Multi-factor sign-in is not supported by this app yet.')),
          totpRequired: () => reject(new AuthError('MfaRequired', 'Multi-factor sign-in is not supported by this app yet.')),
        });
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
