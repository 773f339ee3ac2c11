import { type ComponentType, lazy } from 'react';
import { withCatalog } from '../i18n/catalogs';
import LandingPage from '../pages/LandingPage';

// Every page but the landing page is its own chunk, fetched with its text: Leaflet only loads
// for /ride, and the Cognito library only on the auth pages.
const loaders = {
  '/register': withCatalog('auth', () => import('../pages/auth/RegisterPage')),
  '/verify': withCatalog('auth', () => import('../pages/auth/VerifyPage')),
  '/signin': withCatalog('auth', () => import('../pages/auth/SignInPage')),
  '/forgot': withCatalog('auth', () => import('../pages/auth/ForgotPasswordPage')),
  '/ride': withCatalog('ride', () => import('../pages/ride/RidePage')),
  '/rides': withCatalog('ride', () => import('../pages/rides/MyRidesPage')),
  '/account': withCatalog('auth', () => import('../account/AccountPage')),
} satisfies Record<string, () => Promise<{ default: ComponentType }>>;

export const ROUTES: Record<string, ComponentType> = {
  '/': LandingPage,
  ...Object.fromEntries(Object.entries(loaders).map(([path, load]) => [path, lazy(load as () => Promise<{ default: ComponentType }>)])),
};

export const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

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
