import type { Area, MessageKey } from './keys';

export type Lang = 'en' | 'ko';
export const LANGS: readonly Lang[] = ['en', 'ko'];

/**
 * UI text is split by language and by area, and each part is fetched when first needed: the
 * landing page downloads only the common text of one language (its JS budget is tight).
 */
type Catalog = Partial<Record<MessageKey, string>>;
const loaders: Record<Lang, Record<Area, () => Promise<{ default: Catalog }>>> = {
  en: {
    common: () => import('./catalogs/en/common'),
    auth: () => import('./catalogs/en/auth'),
    ride: () => import('./catalogs/en/ride'),
  },
  ko: {
    common: () => import('./catalogs/ko/common'),
    auth: () => import('./catalogs/ko/auth'),
    ride: () => import('./catalogs/ko/ride'),
  },
};

const loaded: Record<Lang, Catalog> = { en: {}, ko: {} };
const pending = new Map<string, Promise<void>>();
/** Areas some page has asked for; a language switch loads them all in the new language. */
export const wantedAreas = new Set<Area>(['common']);

export function ensureCatalog(lang: Lang, areas: Iterable<Area>): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (const area of areas) {
    wantedAreas.add(area);
    const id = `${lang}:${area}`;
    let job = pending.get(id);
    if (!job) {
      job = loaders[lang][area]().then(
        (module) => {
          Object.assign(loaded[lang], module.default);
        },
        (error: unknown) => {
          pending.delete(id); // let a later attempt try again
          throw error;
        },
      );
      pending.set(id, job);
    }
    jobs.push(job);
  }
  return Promise.all(jobs).then(() => undefined);
}

/** The text for `key`; English if this language's part is not there; the key as a last resort. */
export function lookup(lang: Lang, key: MessageKey): string {
  return loaded[lang][key] ?? loaded.en[key] ?? key;
}

/** The language the provider shows now; lazy pages load their text in it before rendering. */
let activeLang: Lang = 'en';
export function setActiveLang(lang: Lang): void {
  activeLang = lang;
}
function getActiveLang(): Lang {
  return activeLang;
}

/** Wraps a lazy page import so the page's text arrives with its code. */
export function withCatalog<T>(area: Area, load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), ensureCatalog(getActiveLang(), [area])]).then(([module]) => module);
}
