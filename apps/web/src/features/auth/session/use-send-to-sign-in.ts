import { useCallback, useRef } from 'react';
import { navigate } from '../../../router/router';

/**
 * For pages that need a live session: returns a function that sends the rider to sign in and,
 * afterwards, back to this page as it was opened. It redirects once, so a second failure arriving
 * after the redirect cannot redirect from the sign-in page again.
 */
export function useSendToSignIn(href: string): (reason?: 'expired') => void {
  const here = useRef(href).current;
  const redirected = useRef(false);
  return useCallback(
    (reason?: 'expired') => {
      if (redirected.current) return;
      redirected.current = true;
      const query = new URLSearchParams({ next: here });
      if (reason) query.set('reason', reason);
      navigate(`/signin?${query.toString()}`, { replace: true });
    },
    [here],
  );
}
