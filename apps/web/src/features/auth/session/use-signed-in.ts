import { useCallback, useSyncExternalStore } from 'react';
import { looksSignedIn, SESSION_EVENT } from './session-store';

/** Whether tokens are stored for this client; follows sign-in/out here and in other tabs. */
export function useSignedIn(clientId: string): boolean {
  const subscribe = useCallback((onChange: () => void) => {
    window.addEventListener(SESSION_EVENT, onChange);
    window.addEventListener('storage', onChange);
    return () => {
      window.removeEventListener(SESSION_EVENT, onChange);
      window.removeEventListener('storage', onChange);
    };
  }, []);
  const snapshot = useCallback(() => looksSignedIn(clientId), [clientId]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
