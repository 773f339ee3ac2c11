import { createContext } from 'react';
import type { AuthService } from './auth-service';

/**
 * Lets tests hand the auth pages a fake service; without one they use Cognito (use-auth-service.ts).
 * A module of its own, so the app shell that provides it loads none of the service's code.
 */
export const AuthServiceContext = createContext<AuthService | null>(null);
