import { useContext } from 'react';
import { useApp } from '../../config/app-context';
import type { CognitoConfig } from '../../config/runtime-config';
import { AuthServiceContext } from './auth-context';
import { AuthError, type AuthService } from './auth-service';

/**
 * How long a rider waits for Cognito (and the code that talks to it) before being told it is not
 * answering. Cognito answers in well under a second; amazon-cognito-identity-js has no timeout of
 * its own, so a hung connection would otherwise leave the form busy for ever.
 */
export const AUTH_TIMEOUT_MS = 15_000;

/** `work`'s outcome, or an AuthError "Timeout" once `ms` have passed without one. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AuthError('Timeout', `The sign-in service did not answer within ${ms / 1000} s`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The real service, loaded on first use: amazon-cognito-identity-js stays out of every chunk
 * except the one fetched when a rider actually registers or signs in. Every call gives up after
 * `timeoutMs` (a late answer is then ignored; the rider simply tries again).
 */
export function lazyCognitoAuth(
  config: CognitoConfig,
  {
    timeoutMs = AUTH_TIMEOUT_MS,
    loadService = () => import('./cognito-auth').then((m) => m.createCognitoAuth(config)),
  }: { timeoutMs?: number; loadService?: () => Promise<AuthService> } = {},
): AuthService {
  let loaded: Promise<AuthService> | undefined;
  const load = () => (loaded ??= loadService());
  const call =
    <A extends unknown[], R>(pick: (service: AuthService) => (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      withTimeout(
        load().then((service) => pick(service).apply(service, args)),
        timeoutMs,
      );
  return {
    preload: () => {
      load().catch(() => {
        // A failed preload is retried on submit, where the error is shown to the rider.
        loaded = undefined;
      });
    },
    signUp: call((s) => s.signUp),
    confirmSignUp: call((s) => s.confirmSignUp),
    resendCode: call((s) => s.resendCode),
    signIn: call((s) => s.signIn),
    answerCode: call((s) => s.answerCode),
    forgotPassword: call((s) => s.forgotPassword),
    confirmPassword: call((s) => s.confirmPassword),
  };
}

let shared: { config: CognitoConfig; service: ReturnType<typeof lazyCognitoAuth> } | undefined;

/** The injected service (tests), else one Cognito service per configuration. */
export function useAuthService(): AuthService {
  const injected = useContext(AuthServiceContext);
  const { config } = useApp();
  if (injected) return injected;
  if (shared?.config !== config.cognito) {
    shared = { config: config.cognito, service: lazyCognitoAuth(config.cognito) };
  }
  return shared.service;
}
