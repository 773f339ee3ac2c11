import type { PickupLocation } from '@wildrydes/contract';
import type { Map as LeafletMap } from 'leaflet';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { apiClient } from '../../api/api';
import { useApp } from '../../app/app-context';
import { expiresAt } from '../../auth/jwt';
import { REFRESH_MARGIN_MS, Session, SessionExpiredError } from '../../auth/session';
import { useSendToSignIn } from '../../auth/use-send-to-sign-in';
import { useI18n } from '../../i18n/i18n';
import { type BookRide, createBookRide } from '../../ride/book-ride';
import RideMap from '../../ride/RideMap';
import { RidePanel } from '../../ride/RidePanel';
import { newIdempotencyKey, unicornOrigin } from '../../ride/ride-client';
import { initialRideState, rideReducer } from '../../ride/ride-machine';
import { TokenPanel } from '../../ride/TokenPanel';
import { Link, useLocation } from '../../router/router';
import { PageHeading } from '../../ui/PageHeading';

export default function RidePage({ bookRide: injectedBookRide }: { bookRide?: BookRide } = {}) {
  const { t } = useI18n();
  const { config } = useApp();
  const session = useMemo(() => new Session(config.cognito), [config.cognito]);
  const { href } = useLocation();
  const [state, dispatch] = useReducer(rideReducer, initialRideState);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | undefined>(undefined);
  const mapRef = useRef<LeafletMap | null>(null);
  const mounted = useRef(true);
  const signedIn = session.current() !== undefined;

  const bookRide = useMemo(
    () => injectedBookRide ?? createBookRide(session, apiClient(config.api.invokeUrl)),
    [injectedBookRide, session, config.api.invokeUrl],
  );

  /** A dead session: sign in again, then come back here. */
  const sendToSignIn = useSendToSignIn(href);

  useEffect(() => {
    mounted.current = true;
    if (!signedIn) sendToSignIn();
    return () => {
      mounted.current = false;
    };
  }, [signedIn, sendToSignIn]);

  // Refresh the ID token shortly before it expires, so the token panel and the next request
  // always hold a valid one even if the page stays open for hours.
  // biome-ignore lint/correctness/useExhaustiveDependencies: state.status re-arms the timer, because a request may have refreshed the token
  useEffect(() => {
    const current = session.current();
    const exp = current ? expiresAt(current.idToken) : undefined;
    if (exp === undefined) return;
    const delay = Math.max(0, exp - REFRESH_MARGIN_MS - Date.now());
    const timer = window.setTimeout(
      () => {
        session.refresh().catch((error: unknown) => {
          if (error instanceof SessionExpiredError && mounted.current) sendToSignIn('expired');
        });
      },
      Math.min(delay, 2 ** 31 - 1),
    );
    return () => window.clearTimeout(timer);
  }, [session, sendToSignIn, state.status]);

  const send = useCallback(
    (pickup: PickupLocation, key: string) => {
      bookRide(pickup, key).then(
        (result) => {
          if (!mounted.current) return;
          dispatch(result.ok ? { type: 'succeeded', ride: result.value } : { type: 'failed', failure: result });
        },
        (error: unknown) => {
          if (!mounted.current) return;
          if (error instanceof SessionExpiredError) sendToSignIn('expired');
          else dispatch({ type: 'failed', failure: { kind: 'network', detail: String(error) } });
        },
      );
    },
    [bookRide, sendToSignIn],
  );

  const onRequest = () => {
    if (state.status !== 'ready') return;
    const key = newIdempotencyKey();
    dispatch({ type: 'request', idempotencyKey: key });
    send(state.pickup, key);
  };

  const onRetry = () => {
    if (state.status !== 'error') return;
    dispatch({ type: 'retry' });
    send(state.pickup, state.idempotencyKey);
  };

  const setPickup = useCallback((pickup: PickupLocation) => {
    setLocationError(undefined);
    dispatch({ type: 'setPickup', pickup });
  }, []);

  const onUseCentre = () => {
    const centre = mapRef.current?.getCenter();
    if (centre) setPickup({ Latitude: centre.lat, Longitude: centre.lng });
  };

  const onUseLocation = () => {
    if (!('geolocation' in navigator)) {
      setLocationError(t('ride.locationUnsupported'));
      return;
    }
    setLocating(true);
    setLocationError(undefined);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const pickup = { Latitude: position.coords.latitude, Longitude: position.coords.longitude };
        mapRef.current?.setView([pickup.Latitude, pickup.Longitude]);
        setPickup(pickup);
      },
      (error) => {
        setLocating(false);
        setLocationError(t('ride.locationFailed', { message: error.message }));
      },
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const onArrived = useCallback(() => dispatch({ type: 'arrived' }), []);
  const onMapReady = useCallback((map: LeafletMap) => {
    mapRef.current = map;
  }, []);
  const pickup = state.status === 'idle' ? undefined : state.pickup;
  const flight =
    state.status === 'enRoute' || state.status === 'arrived'
      ? { key: state.ride.RideId, origin: unicornOrigin(state.ride), onArrived }
      : undefined;

  if (!signedIn) return null;
  return (
    <div className="ride-page">
      <PageHeading title={t('ride.title')} />
      <div className="ride-layout">
        <RideMap map={config.map} pickup={pickup} flight={flight} onPick={setPickup} onReady={onMapReady} />
        <div className="ride-side">
          <RidePanel
            state={state}
            locating={locating}
            locationError={locationError}
            onRequest={onRequest}
            onRetry={onRetry}
            onNewRide={() => pickup && setPickup(pickup)}
            onUseCentre={onUseCentre}
            onUseLocation={onUseLocation}
          />
          <TokenPanel getToken={() => session.idToken()} />
          <p className="my-rides-link">
            <Link to="/rides">{t('ride.myRides')}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
