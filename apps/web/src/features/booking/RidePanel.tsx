import type { RideStatus } from '@wildrydes/contract';
import { useMemo } from 'react';
import { type ApiFailure, isActiveRideConflict, isUnavailable } from '../../api/api';
import type { Translate } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';
import { describeFailure } from '../../rides/failure-text';
import { coordinates, dateLocale } from '../../rides/ride-format';
import { Link } from '../../router/router';
import { canRequest, type RideState } from './ride-machine';
import { etaText } from './ride-response';

/** The sentence the status line reads out for each state; screen readers hear it change. */
function statusText(t: Translate, state: RideState, rideStatus: RideStatus | undefined, choosingDropoff: boolean): string {
  if (choosingDropoff && state.status !== 'requesting') return t('ride.status.choosingDropoff');
  switch (state.status) {
    case 'idle':
      return state.dropoff ? t('ride.status.idleDropoff', coordinates(state.dropoff)) : t('ride.status.idle');
    case 'ready': {
      if (!state.dropoff) return t('ride.status.ready', coordinates(state.pickup));
      const { lat: dlat, lng: dlng } = coordinates(state.dropoff);
      return t('ride.status.readyDropoff', { ...coordinates(state.pickup), dlat, dlng });
    }
    case 'requesting':
      return t('ride.requesting');
    case 'booked': {
      const { Name, Color, Gender } = state.ride.Unicorn;
      switch (rideStatus ?? state.ride.Status) {
        case 'Assigned':
          return t(Gender === 'Male' ? 'ride.status.enRoute.Male' : 'ride.status.enRoute.Female', { name: Name, color: Color });
        case 'PickedUp':
          return t('ride.status.arrived', { name: Name });
        case 'Completed':
          return t('ride.status.completed', { name: Name });
        case 'Cancelled':
          return t('ride.status.cancelled', { name: Name });
      }
      return '';
    }
    case 'error':
      return '';
  }
}

/** A refused request, in words: the one-ride rule and "no unicorn nearby" plainly, anything else with the API's message. */
function RequestError({ failure }: { failure: ApiFailure }) {
  const { t } = useI18n();
  if (isActiveRideConflict(failure)) {
    return (
      <>
        <p>{t('ride.error.activeRide')}</p>
        <p>
          <Link to="/rides">{t('ride.error.activeRideLink')}</Link>
        </p>
      </>
    );
  }
  // A 503 means nothing was booked. The API's body does not say which 503 it is, and a browser
  // cannot read its Retry-After across origins, so one plain sentence covers them all.
  if (isUnavailable(failure)) {
    return (
      <>
        <p>{t('ride.error.noUnicorn')}</p>
        {failure.reference ? <p className="reference">{t('ride.reference', { reference: failure.reference })}</p> : null}
      </>
    );
  }
  return (
    <>
      <p>{t('ride.status.error', { message: describeFailure(t, failure) })}</p>
      {failure.kind === 'http' && failure.reference ? (
        <p className="reference">{t('ride.reference', { reference: failure.reference })}</p>
      ) : null}
    </>
  );
}

function cancelFailureText(t: Translate, failure: ApiFailure): string {
  if (failure.kind === 'http' && failure.status === 409) return t('ride.cancelTooLate');
  return t('ride.cancelFailed', { message: describeFailure(t, failure) });
}

interface RidePanelProps {
  state: RideState;
  /** The booked ride's status now (the page's clock moves it on). */
  rideStatus: RideStatus | undefined;
  /** The next map click, or "Use map centre", sets the drop-off instead of the pickup. */
  choosingDropoff: boolean;
  /** A request is out, or the ride is on: the points stay where they are. */
  locked: boolean;
  locating: boolean;
  locationError: string | undefined;
  onRequest: () => void;
  onRetry: () => void;
  onNewRide: () => void;
  onUseCentre: () => void;
  onUseLocation: () => void;
  onToggleDropoff: () => void;
  onRemoveDropoff: () => void;
  onCancel: () => void;
}

/** The controls beside the map: the points without a mouse, the request, the ride and its cancel, progress and errors. */
export function RidePanel(props: RidePanelProps) {
  const { t, lang } = useI18n();
  const { state, rideStatus, locked } = props;
  const booked = state.status === 'booked' ? state : undefined;
  const eta = booked && rideStatus === 'Assigned' ? etaText(booked.ride, lang) : undefined;
  const time = useMemo(() => new Intl.DateTimeFormat(dateLocale(lang), { timeStyle: 'medium' }), [lang]);
  const cancelling = booked?.cancel.phase === 'cancelling';
  const cancelFailure = booked?.cancel.phase === 'failed' ? booked.cancel.failure : undefined;
  return (
    <div className="ride-panel">
      <div className="actions">
        <button type="button" className="button" onClick={props.onUseCentre} disabled={locked}>
          {t('ride.useCentre')}
        </button>
        <button type="button" className="button" onClick={props.onUseLocation} disabled={locked || props.locating}>
          {props.locating ? t('ride.locating') : t('ride.useLocation')}
        </button>
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={props.onToggleDropoff} disabled={locked} aria-pressed={props.choosingDropoff}>
          {t('ride.setDropoff')}
        </button>
        {state.dropoff ? (
          <button type="button" className="button" onClick={props.onRemoveDropoff} disabled={locked}>
            {t('ride.removeDropoff')}
          </button>
        ) : null}
      </div>
      <p role="status" className="ride-status" aria-live="polite" aria-atomic="true">
        <span>{statusText(t, state, rideStatus, props.choosingDropoff)}</span>
        {eta ? <span className="ride-eta"> {t('ride.eta', { eta })}</span> : null}
        {props.locationError ? ` ${props.locationError}` : ''}
      </p>
      {booked && rideStatus ? (
        <section className="ride-facts" aria-labelledby="ride-facts-title">
          <h2 id="ride-facts-title">{t('ride.facts')}</h2>
          <dl>
            <div>
              <dt>{t('ride.facts.status')}</dt>
              <dd className="ride-state" data-status={rideStatus}>
                {t(`ride.state.${rideStatus}`)}
              </dd>
            </div>
            {rideStatus === 'Cancelled' ? null : (
              <>
                <div>
                  <dt>{t('ride.facts.pickup')}</dt>
                  <dd>
                    <time dateTime={booked.ride.PickupTime}>{time.format(new Date(booked.ride.PickupTime))}</time>
                  </dd>
                </div>
                <div>
                  <dt>{t('ride.facts.dropoff')}</dt>
                  <dd>
                    <time dateTime={booked.ride.DropoffTime}>{time.format(new Date(booked.ride.DropoffTime))}</time>
                  </dd>
                </div>
              </>
            )}
          </dl>
          {rideStatus === 'PickedUp' ? <p className="aside">{t('ride.oneAtATime')}</p> : null}
        </section>
      ) : null}
      <div role="alert" className={state.status === 'error' || cancelFailure ? 'notice notice-error' : 'notice-empty'}>
        {state.status === 'error' ? <RequestError failure={state.failure} /> : null}
        {cancelFailure ? <p>{cancelFailureText(t, cancelFailure)}</p> : null}
      </div>
      <div className="actions">
        {state.status === 'error' ? (
          <button type="button" className="button primary" onClick={props.onRetry}>
            {t('ride.retry')}
          </button>
        ) : booked ? (
          rideStatus === 'Assigned' ? (
            // aria-disabled, not disabled: focus stays on the button while the cancel is out.
            <button
              type="button"
              className="button cancel"
              onClick={() => !cancelling && props.onCancel()}
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
          ) : rideStatus === 'Completed' || rideStatus === 'Cancelled' ? (
            <button type="button" className="button primary" onClick={props.onNewRide}>
              {t('ride.newRide')}
            </button>
          ) : null
        ) : (
          // While the request is out: aria-disabled, so keyboard focus stays on this button as it
          // turns into the ride's Cancel button (the same element).
          <button
            type="button"
            className="button primary request"
            onClick={props.onRequest}
            disabled={state.status !== 'requesting' && !canRequest(state)}
            aria-disabled={state.status === 'requesting'}
            aria-busy={state.status === 'requesting'}
          >
            {state.status === 'requesting' ? (
              <>
                <span className="spinner" aria-hidden="true" /> {t('ride.requesting')}
              </>
            ) : (
              t('ride.request')
            )}
          </button>
        )}
      </div>
    </div>
  );
}
