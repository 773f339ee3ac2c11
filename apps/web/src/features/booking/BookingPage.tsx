import type { PickupLocation, Ride } from '@wildrydes/contract';
import type { Map as LeafletMap } from 'leaflet';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { apiClient, isActive, rideStatusAt } from '../../api/api';
import { useApp } from '../../config/app-context';
import { useI18n } from '../../i18n/i18n';
import { useStatusClock } from '../../rides/use-status-clock';
import { Link, useLocation } from '../../router/router';
import { PageHeading } from '../../ui/PageHeading';
import { expiresAt } from '../auth/session/jwt';
import { REFRESH_MARGIN_MS, Session, SessionExpiredError } from '../auth/session/session';
import { useSendToSignIn } from '../auth/session/use-send-to-sign-in';
import { nextFreeing, visibleSpots } from '../live/free-unicorns';
import { LiveIndicator } from '../live/LiveIndicator';
import { useLive } from '../live/use-live';
import { type BookRide, type CancelRide, createBookRide, createCancelRide } from './book-ride';
import { newIdempotencyKey } from './idempotency-key';
import RideMap, { type UnicornLeg } from './RideMap';
import { RidePanel } from './RidePanel';
import { initialRideState, rideReducer } from './ride-machine';
import { unicornOrigin } from './ride-response';
import { TokenPanel } from './TokenPanel';

const NO_RIDES = [] as const;

/** `/ride`: set the points, book a unicorn, follow the ride live and cancel it. Tests inject the API calls. */
export default function BookingPage({
  bookRide: injectedBookRide,
  cancelRide: injectedCancelRide,
}: {
  bookRide?: BookRide;
  cancelRide?: CancelRide;
} = {}) {
  const { t } = useI18n();
  const { config } = useApp();
  const session = useMemo(() => new Session(config.cognito), [config.cognito]);
  const { href } = useLocation();
  const [state, dispatch] = useReducer(rideReducer, initialRideState);
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | undefined>(undefined);
  const [picking, setPicking] = useState<'pickup' | 'dropoff'>('pickup');
  const mapRef = useRef<LeafletMap | null>(null);
  const mounted = useRef(true);
  const signedIn = session.current() !== undefined;

  const client = useMemo(() => apiClient(config.api.invokeUrl), [config.api.invokeUrl]);
  const bookRide = useMemo(() => injectedBookRide ?? createBookRide(session, client), [injectedBookRide, session, client]);
  const cancelRide = useMemo(() => injectedCancelRide ?? createCancelRide(session, client), [injectedCancelRide, session, client]);

  // The booked ride's status follows its times: the clock moves on at its next boundary.
  const booked = state.status === 'booked' ? state : undefined;
  const now = useStatusClock(booked ? [booked.ride] : NO_RIDES);
  const rideStatus = booked ? rideStatusAt(booked.ride, now) : undefined;
  // One ride at a time: while a request is out or the ride is on, the points stay put.
  const locked = state.status === 'requesting' || (rideStatus !== undefined && isActive(rideStatus));

  // Live: the ride's changes (a cancel from another tab too) and the free unicorns near the view.
  const onLiveRide = useCallback((ride: Ride) => dispatch({ type: 'updated', ride }), []);
  const live = useLive({
    url: config.websocket?.url,
    session,
    client,
    activeRideId: booked && rideStatus !== undefined && isActive(rideStatus) ? booked.ride.RideId : undefined,
    onRide: onLiveRide,
  });
  // Unicorns become free by time alone: look again when the next one does.
  const [spotsNow, setSpotsNow] = useState(() => Date.now());
  // biome-ignore lint/correctness/useExhaustiveDependencies: spotsNow re-arms the timer for the next unicorn to become free
  useEffect(() => {
    const next = nextFreeing(live.spots, Date.now());
    if (next === undefined) return;
    const timer = window.setTimeout(() => setSpotsNow(Date.now()), Math.min(next - Date.now() + 50, 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [live.spots, spotsNow]);
  const freeUnicorns = useMemo(() => visibleSpots(live.spots, live.view, spotsNow), [live.spots, live.view, spotsNow]);

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
    (pickup: PickupLocation, key: string, dropoff: PickupLocation | undefined) => {
      bookRide(pickup, key, dropoff).then(
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
    setPicking('pickup');
    dispatch({ type: 'request', idempotencyKey: key });
    send(state.pickup, key, state.dropoff);
  };

  const onRetry = () => {
    if (state.status !== 'error') return;
    dispatch({ type: 'retry' });
    send(state.pickup, state.idempotencyKey, state.dropoff);
  };

  const onCancel = () => {
    if (!booked || rideStatus !== 'Assigned' || booked.cancel.phase === 'cancelling') return;
    dispatch({ type: 'cancel' });
    cancelRide(booked.ride.RideId).then(
      (result) => {
        if (!mounted.current) return;
        dispatch(result.ok ? { type: 'cancelled', ride: result.value } : { type: 'cancelFailed', failure: result });
      },
      (error: unknown) => {
        if (!mounted.current) return;
        if (error instanceof SessionExpiredError) sendToSignIn('expired');
        else dispatch({ type: 'cancelFailed', failure: { kind: 'network', detail: String(error) } });
      },
    );
  };

  const setPickup = useCallback(
    (pickup: PickupLocation) => {
      if (locked) return;
      setLocationError(undefined);
      dispatch({ type: 'setPickup', pickup });
    },
    [locked],
  );

  /** A map click or "Use map centre": the drop-off once after "Set drop-off", else the pickup. */
  const setPoint = useCallback(
    (point: PickupLocation) => {
      if (locked) return;
      if (picking === 'dropoff') {
        setPicking('pickup');
        dispatch({ type: 'setDropoff', dropoff: point });
      } else {
        setPickup(point);
      }
    },
    [locked, picking, setPickup],
  );

  const onUseCentre = () => {
    const centre = mapRef.current?.getCenter();
    if (centre) setPoint({ Latitude: centre.lat, Longitude: centre.lng });
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

  const onMapReady = useCallback((map: LeafletMap) => {
    mapRef.current = map;
  }, []);
  const pickup = state.status === 'idle' ? undefined : state.pickup;
  // The unicorn flies to the pickup; once the rider is picked up, on to the drop-off (if any).
  // A cancelled ride's unicorn has gone elsewhere.
  let unicorn: UnicornLeg | undefined;
  if (booked && rideStatus !== 'Cancelled') {
    unicorn =
      rideStatus !== 'Assigned' && booked.dropoff
        ? { key: `${booked.ride.RideId}:dropoff`, from: booked.pickup, to: booked.dropoff }
        : { key: booked.ride.RideId, from: unicornOrigin(booked.ride), to: booked.pickup };
  }
  const choosingDropoff = picking === 'dropoff' && !locked;

  if (!signedIn) return null;
  return (
    <div className="ride-page">
      <PageHeading title={t('ride.title')} />
      <div className="ride-layout">
        <RideMap
          map={config.map}
          pickup={pickup}
          dropoff={state.dropoff}
          picking={choosingDropoff ? 'dropoff' : 'pickup'}
          unicorn={unicorn}
          freeUnicorns={freeUnicorns}
          onView={live.onView}
          onPick={setPoint}
          onReady={onMapReady}
        />
        <div className="ride-side">
          <LiveIndicator state={live.state} />
          <RidePanel
            state={state}
            rideStatus={rideStatus}
            choosingDropoff={choosingDropoff}
            locked={locked}
            locating={locating}
            locationError={locationError}
            onRequest={onRequest}
            onRetry={onRetry}
            onNewRide={() => pickup && setPickup(pickup)}
            onUseCentre={onUseCentre}
            onUseLocation={onUseLocation}
            onToggleDropoff={() => setPicking((p) => (p === 'dropoff' ? 'pickup' : 'dropoff'))}
            onRemoveDropoff={() => dispatch({ type: 'clearDropoff' })}
            onCancel={onCancel}
          />
          <TokenPanel getToken={() => session.idToken()} />
          <p className="my-rides-link">
            <Link to="/rides">{t('ride.myRides')}</Link> · <Link to="/account">{t('nav.account')}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
