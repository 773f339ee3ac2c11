import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ensureCatalog, LANGS, type Lang, lookup, setActiveLang, wantedAreas } from './catalogs';
import type { MessageKey } from './keys';

export { LANGS, type Lang };
/** The rider's explicit choice is kept here; without one we follow the browser. */
export const LANG_STORAGE_KEY = 'wildrydes.lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function readStoredLang(): Lang | undefined {
  try {
    const stored = localStorage.getItem(LANG_STORAGE_KEY);
    return stored === 'en' || stored === 'ko' ? stored : undefined;
  } catch {
    return undefined; // storage can be disabled (privacy mode); the browser language still works
  }
}

/** The stored choice, else the first of the browser's languages we speak, else English. */
export function detectLang(languages: readonly string[] = navigator.languages ?? [navigator.language]): Lang {
  const stored = readStoredLang();
  if (stored) return stored;
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = lookup(lang, key);
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * Provides `t` once the common text of the language has arrived. Switching language first loads
 * the new language's text for every area already in use, so the page never shows raw keys.
 */
export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? detectLang());
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let live = true;
    setActiveLang(lang);
    ensureCatalog(lang, wantedAreas)
      .catch(() => ensureCatalog('en', wantedAreas)) // a missing chunk falls back to English
      .catch(() => undefined) // offline: keys are shown rather than nothing
      .then(() => live && setReady(true));
    // Screen readers pick their voice from <html lang>.
    document.documentElement.lang = lang;
    return () => {
      live = false;
    };
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Not remembered when storage is unavailable; the switch still applies to this visit.
    }
    ensureCatalog(next, wantedAreas)
      .catch(() => undefined)
      .then(() => setLangState(next));
  }, []);

  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  if (!ready) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
