import { useCallback, useRef, useState } from 'react';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/keys';
import { AuthError, type AuthService } from './auth-service';

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

/** Runs one submit at a time and keeps its failure for display. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** Moves focus to the first field with an error, so keyboard users land where to fix it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/**
 * Fetches the Cognito library when the rider first focuses the form: they still have to type,
 * so it arrives before the submit, and it does not compete with the page's first paint.
 */
export function usePreload(auth: AuthService): () => void {
  const done = useRef(false);
  return useCallback(() => {
    if (done.current) return;
    done.current = true;
    auth.preload?.();
  }, [auth]);
}
