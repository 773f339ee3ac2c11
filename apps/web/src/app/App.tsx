import { Suspense, useMemo } from 'react';
import { AppContext } from '../config/app-context';
import type { RuntimeConfig } from '../config/runtime-config';
import { AuthServiceContext } from '../features/auth/auth-context';
import type { AuthService } from '../features/auth/auth-service';
import { useI18n } from '../i18n/i18n';
import { useLocation } from '../router/router';
import { Loading } from '../ui/Loading';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { NotFoundPage, ROUTES } from './routes';

function LoadFailed() {
  const { t } = useI18n();
  return (
    <div className="card narrow" role="alert">
      <p>{t('loadFailed')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('reload')}
      </button>
    </div>
  );
}

/** The signed-in or signed-out app, once /config.json is loaded. `authService` is for tests. */
export function App({ config, authService }: { config: RuntimeConfig; authService?: AuthService }) {
  const { path } = useLocation();
  const services = useMemo(() => ({ config }), [config]);
  const Page = ROUTES[path] ?? NotFoundPage;
  return (
    <AppContext.Provider value={services}>
      <AuthServiceContext.Provider value={authService ?? null}>
        <Header />
        <main id="main" className="site-main">
          <ErrorBoundary fallback={<LoadFailed />} resetKey={path}>
            <Suspense fallback={<Loading />}>
              <Page />
            </Suspense>
          </ErrorBoundary>
        </main>
      </AuthServiceContext.Provider>
    </AppContext.Provider>
  );
}
