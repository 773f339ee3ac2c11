import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/keys';
import { AuthError } from './auth-service';

const KNOWN: Record<string, MessageKey> = {
  NotAuthorizedException: 'auth.error.NotAuthorizedException',
  UserNotFoundException: 'auth.error.UserNotFoundException',
  CodeMismatchException: 'auth.error.CodeMismatchException',
  ExpiredCodeException: 'auth.error.ExpiredCodeException',
  LimitExceededException: 'auth.error.LimitExceededException',
  TooManyRequestsException: 'auth.error.TooManyRequestsException',
  NetworkError: 'auth.error.NetworkError',
  Timeout: 'auth.error.Timeout',
};

/**
 * On the sign-in form a wrong password must read the same whichever way the service says it:
 * real Cognito answers NotAuthorizedException, cognito-local InvalidPasswordException. (On the
 * register and reset forms InvalidPasswordException means "too weak", and Cognito's words stay.)
 */
const SIGN_IN: Record<string, MessageKey> = { ...KNOWN, InvalidPasswordException: 'auth.error.NotAuthorizedException' };

/**
 * For a code from an authenticator app: a wrong code (VerifySoftwareToken answers
 * EnableSoftwareTokenMFAException) says codes change, and a refused session says to start again.
 */
const CODE: Record<string, MessageKey> = {
  ...KNOWN,
  CodeMismatchException: 'auth.error.totpMismatch',
  EnableSoftwareTokenMFAException: 'auth.error.totpMismatch',
  NotAuthorizedException: 'auth.error.totpSessionOver',
};

const FORMS = { signIn: SIGN_IN, code: CODE, other: KNOWN };

/** Cognito's error, in the rider's language when we know it, else Cognito's own words. */
export function describeAuthError(t: Translate, error: unknown, form: keyof typeof FORMS = 'other'): string {
  if (error instanceof AuthError) {
    const key = FORMS[form][error.code];
    if (key) return t(key);
    return t('auth.error.generic', { message: error.message });
  }
  // A lazy chunk that failed to load is a network problem for the rider.
  if (error instanceof TypeError) return t('auth.error.NetworkError');
  return t('auth.error.generic', { message: error instanceof Error ? error.message : String(error) });
}
