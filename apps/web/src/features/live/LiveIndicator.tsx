import { useI18n } from '../../i18n/i18n';
import { POLL_INTERVAL_MS } from './backoff';
import type { LiveState } from './live-connection';

/**
 * Whether the page is live: a dot and a word (never colour alone). Not announced: the ride's
 * status line announces what matters; the connection's ups and downs would only be noise.
 */
export function LiveIndicator({ state }: { state: LiveState }) {
  const { t } = useI18n();
  if (state === 'closed') return null;
  return (
    <p className={`live-indicator live-${state}`} data-state={state}>
      <span className="live-dot" aria-hidden="true" />
      {t(`live.state.${state}` as const, { seconds: POLL_INTERVAL_MS / 1000 })}
    </p>
  );
}
