import { useContext } from 'react';
import { useApp } from '../app/app-context';
import type { CognitoConfig } from '../config/runtime-config';
import { AuthServiceContext } from './auth-context';

/** What the auth pages need from Cognito. Pages get it from context so tests can pass a fake. */
export interface AuthService {
  signUp(email: string, password: string): Promise<void>;
  confirmSignUp(email: string, code: string): Promise<void>;
  resendCode(email: string): Promise<void>;
  /** Resolves once the tokens are stored (see session.ts for where they go). */
  signIn(email: string, password: string): Promise<void>;
  forgotPassword(email: string): Promise<void>;
  confirmPassword(email: string, code: string, newPassword: string): Promise<void>;
  /** Starts fetching the code behind the service, if it is loaded lazily. */
  preload?(): void;
}

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

/**
 * The real service, loaded on first use: amazon-cognito-identity-js stays out of every chunk
 * except the one fetched when a rider actually registers or signs in.
 */
export function lazyCognitoAuth(config: CognitoConfig): AuthService {
  let loaded: Promise<AuthService> | undefined;
  const load = () => (loaded ??= import('./cognito-auth').then((m) => m.createCognitoAuth(config)));
  const call =
    <A extends unknown[]>(pick: (service: AuthService) => (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      const service = await load();
      return pick(service).apply(service, args);
    };
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
