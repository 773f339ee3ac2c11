import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root';
import { preloadRoute } from './app/routes';
import { setActiveLang } from './i18n/catalogs';
import { detectLang } from './i18n/i18n';
import './styles/base.css';

// Page text and code in the rider's language start downloading now, in parallel with /config.json.
setActiveLang(detectLang());
preloadRoute(window.location.pathname);

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
