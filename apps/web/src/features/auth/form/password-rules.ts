import { PASSWORD_POLICY } from '@wildrydes/contract';
import type { MessageKey } from '../../../i18n/keys';

/**
 * The user pool's password policy (its one home: the contract's PASSWORD_POLICY), checked in the
 * browser so riders see the rules before submitting.
 */
interface PasswordRule {
  id: 'length' | 'upper' | 'lower' | 'digit' | 'symbol';
  label: MessageKey;
  params?: Record<string, number>;
  test: (password: string) => boolean;
}

const { MinimumLength, RequireUppercase, RequireLowercase, RequireNumbers, RequireSymbols } = PASSWORD_POLICY;

// Cognito counts only the Basic Latin letters as upper and lower case.
export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: 'length', label: 'password.rule.length', params: { count: MinimumLength }, test: (p) => p.length >= MinimumLength },
  ...(RequireUppercase ? [{ id: 'upper', label: 'password.rule.upper', test: (p: string) => /[A-Z]/.test(p) } as const] : []),
  ...(RequireLowercase ? [{ id: 'lower', label: 'password.rule.lower', test: (p: string) => /[a-z]/.test(p) } as const] : []),
  ...(RequireNumbers ? [{ id: 'digit', label: 'password.rule.digit', test: (p: string) => /[0-9]/.test(p) } as const] : []),
  // Cognito counts these ASCII symbols (and the space) as "special characters".
  ...(RequireSymbols
    ? [{ id: 'symbol', label: 'password.rule.symbol', test: (p: string) => /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(p) } as const]
    : []),
];

export function unmetRules(password: string): PasswordRule['id'][] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password)).map((rule) => rule.id);
}
