import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { ensureCatalog } from '../src/i18n/catalogs';

// Lazy pages load in a moment; on a busy 2-core CI runner that moment has passed 3 s. This is how
// long findBy/waitFor keep looking, not how fast anything must be.
configure({ asyncUtilTimeout: 20_000 });

// Text is normally fetched per page; tests load every catalog up front so renders are immediate.
beforeAll(async () => {
  await ensureCatalog('en', ['common', 'auth', 'ride']);
  await ensureCatalog('ko', ['common', 'auth', 'ride']);
});

afterEach(() => {
  cleanup();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
  document.documentElement.lang = '';
});
