import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { ensureCatalog } from '../src/i18n/catalogs';

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
