import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/keys';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { describeAuthError } from '../auth/auth-error-text';
import { normaliseCode } from '../auth/form/field-checks';
import { SubmitButton } from '../auth/form/SubmitButton';
import { useFocusWhen, useSubmit } from '../auth/form/use-auth-form';
import { SessionExpiredError } from '../auth/session/session';
import type { Authenticator } from './authenticator';
import { groupedSecret, otpauthUri } from './otpauth';
import { QrCode } from './QrCode';

type Phase = { kind: 'loading' } | { kind: 'unknown' } | { kind: 'off' } | { kind: 'on' } | { kind: 'setup'; secret: string };

/**
 * Two-step sign-in with an authenticator app: off by default; the rider scans a QR code, proves it
 * with a code, and from then on sign-in asks for one. Each step says what happened (a status
 * region), and focus follows the step so keyboard and screen-reader users are never left behind.
 */
export function AuthenticatorSection({
  authenticator,
  account,
  onSessionEnded,
}: {
  authenticator: Authenticator;
  account: string;
  onSessionEnded: () => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<MessageKey | undefined>(undefined);
  const { busy, error, run } = useSubmit();
  const codeRef = useFocusWhen<HTMLInputElement>(phase.kind === 'setup');
  const startRef = useRef<HTMLButtonElement>(null);

  /** Runs a step; a session Cognito refuses sends the rider to sign in. */
  const step = (action: () => Promise<void>) =>
    run(async () => {
      try {
        await action();
      } catch (caught) {
        if (caught instanceof SessionExpiredError) {
          onSessionEnded();
          return;
        }
        throw caught;
      }
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads the status once per page
  useEffect(() => {
    void step(async () => {
      try {
        setPhase({ kind: (await authenticator.isOn()) ? 'on' : 'off' });
      } catch (caught) {
        setPhase({ kind: 'unknown' });
        throw caught;
      }
    });
  }, [authenticator]);

  const begin = () =>
    step(async () => {
      setDone(undefined);
      setCode('');
      setCodeError(undefined);
      setPhase({ kind: 'setup', secret: await authenticator.begin() });
    });

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    const valid = normaliseCode(code);
    setCodeError(valid ? undefined : t('account.mfa.codeInvalid'));
    if (!valid) {
      codeRef.current?.focus();
      return;
    }
    void step(async () => {
      await authenticator.confirm(valid);
      setPhase({ kind: 'on' });
      setDone('account.mfa.turnedOn');
    });
  };

  const turnOff = () =>
    step(async () => {
      await authenticator.turnOff();
      setPhase({ kind: 'off' });
      setDone('account.mfa.turnedOff');
    });

  const cancel = () => {
    setPhase({ kind: 'off' });
    // Back to the button that started it, which is rendered again now.
    setTimeout(() => startRef.current?.focus());
  };

  return (
    <section aria-labelledby={headingId} className="account-section">
      <h2 id={headingId}>{t('account.mfa.title')}</h2>
      <Notice kind="status">{phase.kind === 'loading' ? t('account.mfa.loading') : done ? t(done) : null}</Notice>
      {phase.kind === 'off' ? (
        <>
          <p>{t('account.mfa.off')}</p>
          <button ref={startRef} type="button" className="button primary" onClick={() => void begin()} disabled={busy}>
            {busy ? t('form.working') : t('account.mfa.setUp')}
          </button>
        </>
      ) : null}
      {phase.kind === 'on' ? (
        <>
          <p>{t('account.mfa.on')}</p>
          <button type="button" className="button" onClick={() => void turnOff()} disabled={busy}>
            {busy ? t('form.working') : t('account.mfa.turnOff')}
          </button>
        </>
      ) : null}
      {phase.kind === 'setup' ? (
        <form onSubmit={confirm} noValidate>
          <ol className="setup-steps">
            <li>
              <p>{t('account.mfa.scan')}</p>
              <QrCode text={otpauthUri(account, phase.secret)} label={t('account.mfa.qrLabel')} />
              <p>
                {t('account.mfa.manual')} <code className="secret">{groupedSecret(phase.secret)}</code>
              </p>
            </li>
            <li>
              <TextField
                ref={codeRef}
                label={t('account.mfa.code')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                error={codeError}
                required
              />
            </li>
          </ol>
          <div className="actions">
            <SubmitButton busy={busy}>{t('account.mfa.confirm')}</SubmitButton>
            <button type="button" className="button" onClick={cancel} disabled={busy}>
              {t('account.mfa.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <Notice kind="alert">{error ? describeAuthError(t, error, 'code') : null}</Notice>
    </section>
  );
}
