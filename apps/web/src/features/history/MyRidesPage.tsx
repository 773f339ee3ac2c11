import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Ride } from '@wildrydes/contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiFailure, apiClient, isCancellable, rideStatusAt, type WildRydesClient } from '../../api/api';
import { useApp } from '../../config/app-context';
import { useI18n } from '../../i18n/i18n';
import { describeFailure } from '../../rides/failure-text';
import { coordinates, dateLocale, samePlace } from '../../rides/ride-format';
import { useStatusClock } from '../../rides/use-status-clock';
import { Link, useLocation } from '../../router/router';
import { PageHeading } from '../../ui/PageHeading';
import { Session, SessionExpiredError } from '../auth/session/session';
import { useSendToSignIn } from '../auth/session/use-send-to-sign-in';
import { withFreshToken } from '../auth/session/with-fresh-token';
import RidesMap from './RidesMap';

/** `?limit=` (1 to the API's largest page) sets the page size, so a test can page through a few rides; else the API's default. */
function pageSize(query: URLSearchParams): number {
  const limit = Number(query.get('limit'));
  return Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE ? limit : DEFAULT_PAGE_SIZE;
}

type Phase = 'loading' | 'more' | 'idle' | 'error';
interface State {
  rides: Ride[];
  /** The API's NextCursor; undefined once the last page is in. */
  next: string | undefined;
  phase: Phase;
  failure: ApiFailure | undefined;
  /** What the status line says after a load (kept as facts, so a language switch re-words it). */
  loaded: { added: number; more: boolean } | undefined;
}

/** A ride's Cancel button: its request out, or why it failed. */
type Cancel = 'cancelling' | { failure: ApiFailure };
/** What the announcer last said about a cancel (facts, so a language switch re-words it). */
type Announcement = { rideId: string; outcome: 'cancelled' } | { rideId: string; outcome: 'failed'; failure: ApiFailure };

/** `/rides`: the rider's rides, newest first, a page at a time, each cancellable until pickup. Tests inject the client. */
export default function MyRidesPage({ client: injectedClient }: { client?: Pick<WildRydesClient, 'listRides' | 'cancelRide'> } = {}) {
  const { t, lang } = useI18n();
  const { config } = useApp();
  const session = useMemo(() => new Session(config.cognito), [config.cognito]);
  const client = useMemo(() => injectedClient ?? apiClient(config.api.invokeUrl), [injectedClient, config.api.invokeUrl]);
  const { href, query } = useLocation();
  const limit = pageSize(query);
  const signedIn = session.current() !== undefined;
  const [state, setState] = useState<State>({ rides: [], next: undefined, phase: 'loading', failure: undefined, loaded: undefined });
  const mounted = useRef(true);
  const seq = useRef(0);
  const items = useRef(new Map<string, HTMLLIElement>());
  const [focusRide, setFocusRide] = useState<string | undefined>(undefined);
  const [cancels, setCancels] = useState<ReadonlyMap<string, Cancel>>(new Map());
  const [announcement, setAnnouncement] = useState<Announcement | undefined>(undefined);
  // Each ride's status follows its times; the clock moves on at the next boundary of any of them.
  const now = useStatusClock(state.rides);

  /** A dead session: sign in again, then come back here. */
  const sendToSignIn = useSendToSignIn(href);

  const load = useCallback(
    (cursor: string | undefined) => {
      const id = ++seq.current;
      setState((s) => ({ ...s, phase: cursor ? 'more' : 'loading', failure: undefined, loaded: undefined }));
      withFreshToken(session, (idToken) => client.listRides(idToken, { limit, ...(cursor ? { cursor } : {}) })).then(
        (result) => {
          if (!mounted.current || id !== seq.current) return;
          if (!result.ok) {
            setState((s) => ({ ...s, phase: 'error', failure: result }));
            return;
          }
          const page = result.value;
          setState((s) => {
            const rides = cursor ? [...s.rides, ...page.Rides] : page.Rides;
            return {
              rides,
              next: page.NextCursor,
              phase: 'idle',
              failure: undefined,
              loaded: { added: page.Rides.length, more: cursor !== undefined },
            };
          });
          // After "Load more", keyboard users land on the first new ride rather than losing their place.
          if (cursor && page.Rides[0]) setFocusRide(page.Rides[0].RideId);
        },
        (error: unknown) => {
          if (!mounted.current || id !== seq.current) return;
          if (error instanceof SessionExpiredError) sendToSignIn('expired');
          else setState((s) => ({ ...s, phase: 'error', failure: { kind: 'network', detail: String(error) } }));
        },
      );
    },
    [client, limit, session, sendToSignIn],
  );

  useEffect(() => {
    mounted.current = true;
    if (!signedIn) sendToSignIn();
    else load(undefined);
    return () => {
      mounted.current = false;
    };
  }, [signedIn, load, sendToSignIn]);

  useEffect(() => {
    if (focusRide) items.current.get(focusRide)?.focus();
  }, [focusRide]);

  const setCancel = (rideId: string, cancel: Cancel | undefined) =>
    setCancels((map) => {
      const next = new Map(map);
      if (cancel) next.set(rideId, cancel);
      else next.delete(rideId);
      return next;
    });

  const cancel = (ride: Ride) => {
    const { RideId: rideId } = ride;
    if (cancels.get(rideId) === 'cancelling') return;
    setCancel(rideId, 'cancelling');
    setAnnouncement(undefined);
    withFreshToken(session, (idToken) => client.cancelRide(idToken, rideId)).then(
      (result) => {
        if (!mounted.current) return;
        if (!result.ok) {
          setCancel(rideId, { failure: result });
          setAnnouncement({ rideId, outcome: 'failed', failure: result });
          // A 409 means the unicorn has picked the rider up: so the ride says, even if this browser's clock lags.
          if (result.kind === 'http' && result.status === 409) {
            setState((s) => ({
              ...s,
              rides: s.rides.map((r) => (r.RideId === rideId && r.Status === 'Assigned' ? { ...r, Status: 'PickedUp' } : r)),
            }));
          }
          return;
        }
        setCancel(rideId, undefined);
        setState((s) => ({ ...s, rides: s.rides.map((r) => (r.RideId === rideId ? result.value : r)) }));
        setAnnouncement({ rideId, outcome: 'cancelled' });
        // The button is gone: keyboard users stay on the ride, which now says Cancelled.
        items.current.get(rideId)?.focus();
      },
      (error: unknown) => {
        if (!mounted.current) return;
        if (error instanceof SessionExpiredError) {
          sendToSignIn('expired');
          return;
        }
        const failure: ApiFailure = { kind: 'network', detail: String(error) };
        setCancel(rideId, { failure });
        setAnnouncement({ rideId, outcome: 'failed', failure });
      },
    );
  };

  const format = useMemo(() => new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'medium', timeStyle: 'medium' }), [lang]);
  const when = useCallback((ride: Ride) => format.format(new Date(ride.RequestTime)), [format]);
  const markerLabel = useCallback((ride: Ride) => t('rides.marker', { time: when(ride) }), [t, when]);
  const cancelText = (ride: Ride, failure: ApiFailure) =>
    failure.kind === 'http' && failure.status === 409
      ? t('ride.cancelTooLate')
      : t('rides.cancelFailed', { time: when(ride), message: describeFailure(t, failure) });
  const announced = announcement && state.rides.find((r) => r.RideId === announcement.rideId);

  if (!signedIn) return null;
  const { rides, phase, failure } = state;
  const { loaded } = state;
  const status =
    phase === 'loading'
      ? t('rides.loading')
      : phase === 'more'
        ? t('rides.loadingMore')
        : !loaded || rides.length === 0
          ? ''
          : [
              loaded.more
                ? t('rides.loadedMore', { count: loaded.added, total: rides.length })
                : t('rides.loaded', { count: rides.length }),
              state.next === undefined ? t('rides.allLoaded') : '',
            ]
              .filter(Boolean)
              .join(' ');

  return (
    <div className="rides-page">
      <PageHeading title={t('rides.title')} />
      <p role="status" aria-live="polite" aria-atomic="true" className="rides-status">
        {status}
      </p>
      {/* Cancels are announced apart from the load status, which the page's one status region keeps. */}
      <p aria-live="polite" aria-atomic="true" className="visually-hidden">
        {announced
          ? announcement.outcome === 'cancelled'
            ? t('rides.cancelled', { time: when(announced) })
            : cancelText(announced, announcement.failure)
          : ''}
      </p>
      {phase === 'idle' && rides.length === 0 ? (
        <div className="card rides-empty">
          <p>{t('rides.empty')}</p>
          <Link to="/ride" className="button primary">
            {t('ride.title')}
          </Link>
        </div>
      ) : null}
      <div className={rides.length > 0 ? 'rides-layout' : undefined}>
        {rides.length > 0 ? <RidesMap map={config.map} rides={rides} markerLabel={markerLabel} /> : null}
        <div className="rides-side">
          {rides.length > 0 ? (
            <ol className="rides-list" aria-label={t('rides.list')}>
              {rides.map((ride) => {
                const rideStatus = rideStatusAt(ride, now);
                const rideCancel = cancels.get(ride.RideId);
                const cancelling = rideCancel === 'cancelling';
                return (
                  <li
                    key={ride.RideId}
                    tabIndex={-1}
                    ref={(el) => {
                      if (el) items.current.set(ride.RideId, el);
                      else items.current.delete(ride.RideId);
                    }}
                  >
                    <p className="ride-when">
                      <time dateTime={ride.RequestTime}>{when(ride)}</time>
                    </p>
                    <p>{t('rides.unicorn', { name: ride.Unicorn.Name, color: ride.Unicorn.Color })}</p>
                    <p className="ride-where">{t('rides.pickup', coordinates(ride.PickupLocation))}</p>
                    {samePlace(ride.PickupLocation, ride.DropoffLocation) ? null : (
                      <p className="ride-where">{t('rides.dropoff', coordinates(ride.DropoffLocation))}</p>
                    )}
                    <p className="ride-state" data-status={rideStatus}>
                      {t('rides.status', { status: t(`ride.state.${rideStatus}`) })}
                    </p>
                    {isCancellable(rideStatus) ? (
                      <button
                        type="button"
                        className="button cancel"
                        onClick={() => cancel(ride)}
                        aria-label={t('rides.cancelLabel', { time: when(ride) })}
                        aria-disabled={cancelling}
                        aria-busy={cancelling}
                      >
                        {cancelling ? (
                          <>
                            <span className="spinner" aria-hidden="true" /> {t('ride.cancelling')}
                          </>
                        ) : (
                          t('ride.cancel')
                        )}
                      </button>
                    ) : null}
                    {rideCancel && rideCancel !== 'cancelling' ? (
                      <p className="notice notice-error">{cancelText(ride, rideCancel.failure)}</p>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          ) : null}
          <div role="alert" className={failure ? 'notice notice-error' : 'notice-empty'}>
            {failure ? (
              <>
                <p>{t('rides.error', { message: describeFailure(t, failure) })}</p>
                {failure.kind === 'http' && failure.reference ? (
                  <p className="reference">{t('ride.reference', { reference: failure.reference })}</p>
                ) : null}
              </>
            ) : null}
          </div>
          <div className="actions">
            {phase === 'error' ? (
              <button type="button" className="button primary" onClick={() => load(state.next)}>
                {t('ride.retry')}
              </button>
            ) : state.next !== undefined || phase === 'more' ? (
              <button
                type="button"
                className="button"
                onClick={() => phase === 'idle' && load(state.next)}
                aria-disabled={phase === 'more'}
                aria-busy={phase === 'more'}
              >
                {phase === 'more' ? (
                  <>
                    <span className="spinner" aria-hidden="true" /> {t('rides.loadingMore')}
                  </>
                ) : (
                  t('rides.loadMore')
                )}
              </button>
            ) : null}
          </div>
        </div>
      </div>
    </div>
  );
}
