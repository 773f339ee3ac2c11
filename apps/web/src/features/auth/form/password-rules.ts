import type { MessageKey } from '../../../i18n/keys';

/** The user pool's password policy, checked in the browser so riders see the rules before submitting. */
interface PasswordRule {
  id: 'length' | 'upper' | 'lower' | 'digit' | 'symbol';
  label: MessageKey;
  test: (password: string) => boolean;
}

// Cognito counts only the Basic Latin letters as upper and lower case.
export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: 'length', label: 'password.rule.length', test: (p) => p.length >= 8 },
  { id: 'upper', label: 'password.rule.upper', test: (p) => /[A-Z]/.test(p) },
  { id: 'lower', label: 'password.rule.lower', test: (p) => /[a-z]/.test(p) },
  { id: 'digit', label: 'password.rule.digit', test: (p) => /[0-9]/.test(p) },
  // Cognito counts these ASCII symbols (and the space) as "special characters".
  { id: 'symbol', label: 'password.rule.symbol', test: (p) => /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(p) },
];

export function unmetRules(password: string): PasswordRule['id'][] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password)).map((rule) => rule.id);
}
