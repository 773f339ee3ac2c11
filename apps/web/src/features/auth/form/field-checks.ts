import type { MessageKey } from '../../../i18n/keys';
import { unmetRules } from './password-rules';

/**
 * What is wrong with a field, as the message to show, or undefined when nothing is. Light checks,
 * so riders fix a typo without a round trip; Cognito has the final say.
 */
type Problem = MessageKey | undefined;

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

export function emailProblem(email: string): Problem {
  if (email.trim() === '') return 'form.required';
  return looksLikeEmail(email.trim()) ? undefined : 'form.emailInvalid';
}

/** The password to sign in with: whether it is right is Cognito's to say. */
export function passwordProblem(password: string): Problem {
  return password === '' ? 'form.required' : undefined;
}

/** A new password must meet every rule of the user pool's policy (PasswordRules shows them). */
export function newPasswordProblem(password: string): Problem {
  if (password === '') return 'form.required';
  return unmetRules(password).length > 0 ? 'form.passwordWeak' : undefined;
}

export function confirmProblem(confirm: string, password: string): Problem {
  if (confirm === '') return 'form.required';
  return confirm === password ? undefined : 'form.passwordMismatch';
}

/** The code Cognito emails: six digits. */
export function emailCodeProblem(code: string): Problem {
  if (code.trim() === '') return 'form.required';
  return /^\d{6}$/.test(code.trim()) ? undefined : 'form.codeInvalid';
}

/** A code from an authenticator app as riders type it: six digits, spaces and dashes allowed. */
export function normaliseCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
}
