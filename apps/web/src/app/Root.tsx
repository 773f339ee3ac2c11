import { lazy, Suspense, useEffect, useState } from 'react';
import { type ConfigResult, loadConfig } from '../config/runtime-config';
import { I18nProvider } from '../i18n/i18n';
import { Loading } from '../ui/Loading';
import { App } from './App';

// Only a misconfigured site needs this page, so it is not in the first download.
const NotConfiguredPage = lazy(() => import('./NotConfiguredPage'));

/** Loads /config.json, then shows the app or says exactly what is not configured. */
export function Root({ load = loadConfig }: { load?: () => Promise<ConfigResult> }) {
  const [result, setResult] = useState<ConfigResult | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void load().then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [load]);

  return (
    <I18nProvider>
      {result === undefined ? (
        <Loading />
      ) : result.ok ? (
        <App config={result.config} />
      ) : (
        <main id="main" className="site-main">
          <Suspense fallback={<Loading />}>
            <NotConfiguredPage result={result} />
          </Suspense>
        </main>
      )}
    </I18nProvider>
  );
}
