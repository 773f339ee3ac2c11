/**
 * The signed-in session, kept in the same localStorage keys amazon-cognito-identity-js writes
 * when a rider signs in (all but the access token: see tokenStorage). Reading them needs no library
 * and no network: the landing page and the header use this file alone to know whether someone is
 * signed in. docs/security.md says why the refresh token is kept here, and what limits it.
 */

const PREFIX = 'CognitoIdentityServiceProvider';
export interface StoredSession {
  username: string;
  idToken: string;
  refreshToken: string;
}

export function userKey(clientId: string, username: string, name: string): string {
  return `${PREFIX}.${clientId}.${username}.${name}`;
}
function lastUserKey(clientId: string): string {
  return `${PREFIX}.${clientId}.LastAuthUser`;
}

function safeGet(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

export function readSession(clientId: string, storage: Storage = localStorage): StoredSession | undefined {
  const username = safeGet(storage, lastUserKey(clientId));
  if (!username) return undefined;
  const idToken = safeGet(storage, userKey(clientId, username, 'idToken'));
  const refreshToken = safeGet(storage, userKey(clientId, username, 'refreshToken'));
  if (!idToken || !refreshToken) return undefined;
  return { username, idToken, refreshToken };
}

/** Cheap "signed in?" for the landing page: no network, no auth library. */
export function looksSignedIn(clientId: string, storage: Storage = localStorage): boolean {
  return readSession(clientId, storage) !== undefined;
}

export function clearSession(clientId: string, storage: Storage = localStorage): void {
  const username = safeGet(storage, lastUserKey(clientId));
  try {
    if (username) {
      for (const name of ['idToken', 'accessToken', 'refreshToken', 'clockDrift', 'userData']) {
        storage.removeItem(userKey(clientId, username, name));
      }
    }
    storage.removeItem(lastUserKey(clientId));
  } catch {
    // Nothing else to do: a storage we cannot write to holds no session either.
  }
  notifySessionChanged();
}

/** Fired on this window when the rider signs in or out, so the header can follow. */
export const SESSION_EVENT = 'wildrydes:session';

export function notifySessionChanged(): void {
  window.dispatchEvent(new Event(SESSION_EVENT));
}

/**
 * The storage amazon-cognito-identity-js writes a signed-in rider's tokens to: localStorage, less
 * the access token. The app never sends that token anywhere, and the account page gets a fresh one
 * when it needs it (Session.accessToken), so a script that reads storage finds none.
 */
export function tokenStorage(storage: Storage = localStorage): Storage {
  return {
    get length() {
      return storage.length;
    },
    key: (index) => storage.key(index),
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => {
      if (!key.startsWith(`${PREFIX}.`) || !key.endsWith('.accessToken')) storage.setItem(key, value);
    },
    removeItem: (key) => storage.removeItem(key),
    clear: () => storage.clear(),
  };
}
