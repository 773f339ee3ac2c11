import type auth from './catalogs/en/auth';
import type common from './catalogs/en/common';
import type ride from './catalogs/en/ride';

/** Every UI text key. English is the reference catalog; types only, so nothing is bundled here. */
export type MessageKey = keyof typeof common | keyof typeof auth | keyof typeof ride;
export type Area = 'common' | 'auth' | 'ride';
