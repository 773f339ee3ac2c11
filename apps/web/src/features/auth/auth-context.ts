import { createContext } from 'react';
import type { AuthService } from './auth-service';

/** Lets tests hand the auth pages a fake service; without one they use Cognito (auth-service.ts). */
export const AuthServiceContext = createContext<AuthService | null>(null);
