import type { Translate } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n';
import { etaText, type RideFailure } from './ride-client';
import { canRequest, type RideState } from './ride-machine';

export function describeFailure(t: Translate, failure: RideFailure): string {
  switch (failure.kind) {
    case 'http':
      return failure.message ?? t('ride.error.http', { status: failure.status });
    case 'timeout':
      return t('ride.error.timeout');
    case 'network':
      return t('ride.error.network');
    case 'badResponse':
      return t('ride.error.badResponse');
  }
}

/** The sentence the status line reads out for each state. */
export function statusText(t: Translate, state: RideState): string {
  switch (state.status) {
    case 'idle':
      return t('ride.status.idle');
    case 'ready':
      return t('ride.status.ready', {
        lat: state.pickup.Latitude.toFixed(5),
        lng: state.pickup.Longitude.toFixed(5),
      });
    case 'requesting':
      return t('ride.requesting');
    case 'enRoute': {
      const { Name, Color, Gender } = state.ride.Unicorn;
      return t(Gender === 'Male' ? 'ride.status.enRoute.Male' : 'ride.status.enRoute.Female', { name: Name, color: Color });
    }
    case 'arrived':
      return t('ride.status.arrived', { name: state.ride.Unicorn.Name });
    case 'error':
      return '';
  }
}

export interface RidePanelProps {
  state: RideState;
  locating: boolean;
  locationError: string | undefined;
  onRequest: () => void;
  onRetry: () => void;
  onNewRide: () => void;
  onUseCentre: () => void;
  onUseLocation: () => void;
}

/** The controls beside the map: pickup without a mouse, the request, its progress and errors. */
export function RidePanel(props: RidePanelProps) {
  const { t, lang } = useI18n();
  const { state } = props;
  const eta = state.status === 'enRoute' ? etaText(state.ride, lang) : undefined;
  const busy = state.status === 'requesting' || state.status === 'enRoute';
  return (
    <div className="ride-panel">
      <div className="actions">
        <button type="button" className="button" onClick={props.onUseCentre} disabled={busy}>
          {t('ride.useCentre')}
        </button>
        <button type="button" className="button" onClick={props.onUseLocation} disabled={busy || props.locating}>
          {props.locating ? t('ride.locating') : t('ride.useLocation')}
        </button>
      </div>
      <p role="status" className="ride-status" aria-live="polite" aria-atomic="true">
        <span>{statusText(t, state)}</span>
        {eta ? <span className="ride-eta"> {t('ride.eta', { eta })}</span> : null}
        {props.locationError ? ` ${props.locationError}` : ''}
      </p>
      <div role="alert" className={state.status === 'error' ? 'notice notice-error' : 'notice-empty'}>
        {state.status === 'error' ? (
          <>
            <p>{t('ride.status.error', { message: describeFailure(t, state.failure) })}</p>
            {state.failure.kind === 'http' && state.failure.reference ? (
              <p className="reference">{t('ride.reference', { reference: state.failure.reference })}</p>
            ) : null}
          </>
        ) : null}
      </div>
      <div className="actions">
        {state.status === 'error' ? (
          <button type="button" className="button primary" onClick={props.onRetry}>
            {t('ride.retry')}
          </button>
        ) : state.status === 'arrived' ? (
          <button type="button" className="button primary" onClick={props.onNewRide}>
            {t('ride.newRide')}
          </button>
        ) : (
          <button
            type="button"
            className="button primary request"
            onClick={props.onRequest}
            disabled={!canRequest(state)}
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
