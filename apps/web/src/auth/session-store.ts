/**
 * The signed-in session, kept in the same localStorage keys amazon-cognito-identity-js writes
 * when a rider signs in. Reading them needs no library and no network: the landing page and the
 * header use this file alone to know whether someone is signed in.
 */

const PREFIX = 'CognitoIdentityServiceProvider';
export interface StoredSession {
  username: string;
  idToken: string;
  accessToken: string;
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
  const accessToken = safeGet(storage, userKey(clientId, username, 'accessToken'));
  const refreshToken = safeGet(storage, userKey(clientId, username, 'refreshToken'));
  if (!idToken || !refreshToken) return undefined;
  return { username, idToken, accessToken: accessToken ?? '', refreshToken };
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
