import type { LiveArea, Ride } from '@wildrydes/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WildRydesClient } from '../../api/api';
import type { Session } from '../auth/session/session';
import { withFreshToken } from '../auth/session/with-fresh-token';
import { POLL_INTERVAL_MS } from './backoff';
import { applySpots, type Spots, watchable } from './free-unicorns';
import { LiveConnection, type LiveState } from './live-connection';

interface LiveOptions {
  /** config.json's websocket.url; without it the page polls. */
  url: string | undefined;
  session: Pick<Session, 'idToken' | 'refresh'>;
  client: Pick<WildRydesClient, 'getRide'>;
  /** The ride to keep up to date while it is on (read over HTTP when the connection is down). */
  activeRideId: string | undefined;
  onRide: (ride: Ride) => void;
  /** For tests: the socket to use instead of the browser's. */
  createSocket?: ConstructorParameters<typeof LiveConnection>[0]['createSocket'];
}

/**
 * The ride page's live side: one connection while the page is open, the free unicorns it hears
 * of, and, while the connection is down, the active ride read every POLL_INTERVAL_MS instead.
 */
export function useLive({ url, session, client, activeRideId, onRide, createSocket }: LiveOptions) {
  const [state, setState] = useState<LiveState>(url ? 'connecting' : 'polling');
  const [spots, setSpots] = useState<Spots>(new Map());
  const [view, setView] = useState<LiveArea | undefined>(undefined);
  const connection = useRef<LiveConnection | undefined>(undefined);
  const latest = useRef({ onRide, session });
  latest.current = { onRide, session };

  useEffect(() => {
    if (!url) return;
    const live = new LiveConnection({
      url,
      getToken: () => latest.current.session.idToken(),
      onState: setState,
      onMessage: (message) => {
        if (message.type === 'ride') latest.current.onRide(message.Ride);
        else setSpots((current) => applySpots(current, message));
      },
      ...(createSocket ? { createSocket } : {}),
    });
    connection.current = live;
    live.start();
    return () => {
      connection.current = undefined;
      live.stop();
    };
  }, [url, createSocket]);

  // Not live: read the ride over HTTP now and then, until it is over or the connection is back.
  useEffect(() => {
    if (state !== 'polling' || !activeRideId) return;
    let stopped = false;
    const poll = async () => {
      const result = await withFreshToken(latest.current.session, (token) => client.getRide(token, activeRideId)).catch(() => undefined);
      if (!stopped && result?.ok) latest.current.onRide(result.value);
    };
    const timer = window.setInterval(() => void poll(), POLL_INTERVAL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [state, activeRideId, client]);

  const onView = useCallback((area: LiveArea) => {
    setView(area);
    if (watchable(area)) connection.current?.watch(area);
  }, []);

  return { state, spots, view, onView };
}
