import type { Ride } from '@wildrydes/contract';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiFailure, apiClient, type WildRydesClient, withFreshToken } from '../../api/api';
import { useApp } from '../../app/app-context';
import { Session, SessionExpiredError } from '../../auth/session';
import { useSendToSignIn } from '../../auth/use-send-to-sign-in';
import { useI18n } from '../../i18n/i18n';
import { describeFailure } from '../../ride/RidePanel';
import RidesMap from '../../rides/RidesMap';
import { Link, useLocation } from '../../router/router';
import { PageHeading } from '../../ui/PageHeading';

export const DEFAULT_PAGE_SIZE = 20;

/** `?limit=` (1–50) sets the page size, so a test can page through a few rides; else 20. */
export function pageSize(query: URLSearchParams): number {
  const limit = Number(query.get('limit'));
  return Number.isInteger(limit) && limit >= 1 && limit <= 50 ? limit : DEFAULT_PAGE_SIZE;
}

/** The rider's own regional format when it is in the page's language (en-GB, ko-KR), else the language. */
function dateLocale(lang: string): string {
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return tags.find((tag) => tag.toLowerCase().split('-')[0] === lang) ?? lang;
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

export default function MyRidesPage({ client: injectedClient }: { client?: Pick<WildRydesClient, 'listRides'> } = {}) {
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

  const format = useMemo(() => new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'medium', timeStyle: 'medium' }), [lang]);
  const when = useCallback((ride: Ride) => format.format(new Date(ride.RequestTime)), [format]);
  const markerLabel = useCallback((ride: Ride) => t('rides.marker', { time: when(ride) }), [t, when]);

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
              {rides.map((ride) => (
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
                  <p className="ride-where">
                    {t('rides.pickup', { lat: ride.PickupLocation.Latitude.toFixed(5), lng: ride.PickupLocation.Longitude.toFixed(5) })}
                  </p>
                </li>
              ))}
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
