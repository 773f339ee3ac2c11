import { useEffect, useId, useRef, useState } from 'react';
import { type ApiFailure, isActiveRideConflict, type WildRydesClient } from '../../api/api';
import { useApp } from '../../config/app-context';
import { type Translate, useI18n } from '../../i18n/i18n';
import { Link, navigate } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { type Session, SessionExpiredError } from '../auth/session/session';
import { clearSession } from '../auth/session/session-store';
import { withFreshToken } from '../auth/session/with-fresh-token';

type Phase = 'idle' | 'confirming' | 'deleting' | { failure: ApiFailure };

function describeDeletionFailure(t: Translate, failure: ApiFailure): string {
  if (isActiveRideConflict(failure)) return t('account.delete.activeRide');
  if (failure.kind === 'http') return t('account.delete.failed', { reason: failure.message ?? String(failure.status) });
  if (failure.kind === 'timeout' || failure.kind === 'network') return t('account.delete.unreachable');
  return t('account.delete.failed', { reason: t('account.delete.badResponse') });
}

/**
 * "Delete my account", behind a confirmation. The API deletes the rides and the sign-in; then this
 * browser forgets the session and the rider lands on the sign-in page, told what happened. Asking
 * again after a failure is safe: the API finishes what an earlier try began.
 */
export function DeleteAccountSection({
  session,
  client,
  onSessionEnded,
}: {
  session: Pick<Session, 'idToken' | 'refresh'>;
  client: Pick<WildRydesClient, 'deleteAccount'>;
  onSessionEnded: () => void;
}) {
  const { t } = useI18n();
  const { config } = useApp();
  const headingId = useId();
  const [phase, setPhase] = useState<Phase>('idle');
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (phase === 'confirming') confirmRef.current?.focus();
    if (phase === 'idle' && returnFocus.current) {
      returnFocus.current = false;
      startRef.current?.focus();
    }
  }, [phase]);

  const remove = async () => {
    setPhase('deleting');
    try {
      const result = await withFreshToken(session, (idToken) => client.deleteAccount(idToken));
      if (!result.ok) {
        setPhase({ failure: result });
        return;
      }
      clearSession(config.cognito.userPoolClientId);
      navigate('/signin?reason=deleted', { replace: true });
    } catch (error) {
      if (error instanceof SessionExpiredError) onSessionEnded();
      else setPhase({ failure: { kind: 'network', detail: String(error) } });
    }
  };

  const failure = typeof phase === 'object' ? phase.failure : undefined;
  return (
    <section aria-labelledby={headingId} className="account-section danger-zone">
      <h2 id={headingId}>{t('account.delete.title')}</h2>
      <p>{t('account.delete.lead')}</p>
      {phase === 'idle' ? (
        <button ref={startRef} type="button" className="button danger" onClick={() => setPhase('confirming')}>
          {t('account.delete.start')}
        </button>
      ) : (
        <div className="confirm-box">
          <p ref={confirmRef} tabIndex={-1}>
            <strong>{t('account.delete.confirmText')}</strong>
          </p>
          <div className="actions">
            <button type="button" className="button danger" onClick={() => void remove()} disabled={phase === 'deleting'}>
              {phase === 'deleting' ? t('account.delete.working') : t('account.delete.confirm')}
            </button>
            <button
              type="button"
              className="button"
              disabled={phase === 'deleting'}
              onClick={() => {
                returnFocus.current = true;
                setPhase('idle');
              }}
            >
              {t('account.delete.keep')}
            </button>
          </div>
        </div>
      )}
      <Notice kind="alert">
        {failure ? (
          <>
            {describeDeletionFailure(t, failure)}
            {isActiveRideConflict(failure) ? (
              <>
                {' '}
                <Link to="/ride">{t('account.delete.goToRide')}</Link>
              </>
            ) : null}
          </>
        ) : null}
      </Notice>
    </section>
  );
}
