import { type ComponentType, lazy } from 'react';
import { withCatalog } from '../i18n/catalogs';
import LandingPage from './LandingPage';

// Every page but the landing page is its own chunk, fetched with its text: Leaflet only loads
// for /ride, and the Cognito library only on the auth pages.
const loaders = {
  '/register': withCatalog('auth', () => import('../features/auth/RegisterPage')),
  '/verify': withCatalog('auth', () => import('../features/auth/VerifyPage')),
  '/signin': withCatalog('auth', () => import('../features/auth/SignInPage')),
  '/forgot': withCatalog('auth', () => import('../features/auth/ForgotPasswordPage')),
  '/ride': withCatalog('ride', () => import('../features/booking/BookingPage')),
  '/rides': withCatalog('ride', () => import('../features/history/MyRidesPage')),
  '/account': withCatalog('auth', () => import('../features/account/AccountPage')),
} satisfies Record<string, () => Promise<{ default: ComponentType }>>;

export const ROUTES: Record<string, ComponentType> = {
  '/': LandingPage,
  ...Object.fromEntries(Object.entries(loaders).map(([path, load]) => [path, lazy(load as () => Promise<{ default: ComponentType }>)])),
};

export const NotFoundPage = lazy(() => import('./NotFoundPage'));

/**
 * Starts downloading the page for `path` at once, alongside /config.json, instead of after it:
 * one network round trip less before a deep link (say /signin) shows anything.
 */
export function preloadRoute(path: string): void {
  const load = (loaders as Record<string, (() => Promise<unknown>) | undefined>)[path];
  load?.().catch(() => {
    // Rendering the page retries the download and shows its own error if that fails too.
  });
}
