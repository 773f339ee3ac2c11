import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/keys';
import { Link, navigate, safeNext, useLocation } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { normaliseCode } from '../account/otpauth';
import { describeAuthError, type FieldErrors, focusFirstInvalid, usePreload, useSubmit } from './auth-errors';
import { AuthError } from './auth-service';
import { looksLikeEmail } from './form/password-rules';
import { notifySessionChanged } from './session/session-store';
import { useAuthService } from './use-auth-service';

type Field = 'email' | 'password' | 'code';

/** Why the rider landed here, from the query string set by whoever sent them. */
function noticeFor(query: URLSearchParams): MessageKey | undefined {
  if (query.get('reason') === 'expired') return 'signIn.sessionExpired';
  if (query.get('reason') === 'signedout') return 'signIn.signedOut';
  if (query.get('reason') === 'deleted') return 'signIn.accountDeleted';
  if (query.get('verified')) return 'verify.done';
  if (query.get('reset')) return 'forgot.done';
  return undefined;
}

export default function SignInPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const preloadOnce = usePreload(auth);
  const { query } = useLocation();
  const [email, setEmail] = useState(() => query.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const { busy, error, run } = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const notice = noticeFor(query);
  const next = safeNext(query.get('next'));
  /** After the password, an account with an authenticator app is asked for its code. */
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [code, setCode] = useState('');
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length > 0) focusFirstInvalid(formRef.current);
  }, [errors]);

  useEffect(() => {
    if (step === 'code') codeRef.current?.focus();
  }, [step]);

  const signedIn = () => {
    notifySessionChanged();
    navigate(next, { replace: true });
  };

  const onCode = (event: FormEvent) => {
    event.preventDefault();
    const valid = normaliseCode(code);
    setErrors(valid ? {} : { code: t('signIn.codeInvalid') });
    if (!valid) return;
    void run(async () => {
      await auth.answerCode(valid);
      signedIn();
    });
  };

  if (step === 'code') {
    const sessionOver = error instanceof AuthError && error.code === 'NotAuthorizedException';
    return (
      <section className="card narrow">
        <PageHeading title={t('signIn.title')} />
        <p>{t('signIn.codeLead')}</p>
        <form ref={formRef} onSubmit={onCode} noValidate>
          <TextField
            ref={codeRef}
            label={t('signIn.code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={errors.code}
            required
          />
          <Notice kind="alert">{error ? describeAuthError(t, error, 'code') : null}</Notice>
          {sessionOver ? (
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setCode('');
                setPassword('');
                setErrors({});
                setStep('password');
              }}
            >
              {t('signIn.startOver')}
            </button>
          ) : (
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? t('form.working') : t('signIn.codeSubmit')}
            </button>
          )}
        </form>
      </section>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors<Field> = {};
    if (email.trim() === '') found.email = t('form.required');
    else if (!looksLikeEmail(email.trim())) found.email = t('form.emailInvalid');
    if (password === '') found.password = t('form.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const address = email.trim();
    void run(async () => {
      let outcome: Awaited<ReturnType<typeof auth.signIn>>;
      try {
        outcome = await auth.signIn(address, password);
      } catch (caught) {
        if (caught instanceof AuthError && caught.code === 'UserNotConfirmedException') {
          navigate(`/verify?email=${encodeURIComponent(address)}`);
          return;
        }
        throw caught;
      }
      if (outcome === 'codeRequired') setStep('code');
      else signedIn();
    });
  };

  return (
    <section className="card narrow">
      <PageHeading title={t('signIn.title')} />
      <Notice kind="status">{notice ? t(notice) : null}</Notice>
      <form ref={formRef} onSubmit={onSubmit} onFocus={preloadOnce} noValidate>
        <TextField
          label={t('form.email')}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          required
        />
        <TextField
          label={t('form.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          required
        />
        <Notice kind="alert">{error ? describeAuthError(t, error, 'signIn') : null}</Notice>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('form.working') : t('signIn.submit')}
        </button>
      </form>
      <p className="aside">
        <Link to={`/forgot${email ? `?email=${encodeURIComponent(email.trim())}` : ''}`}>{t('signIn.forgot')}</Link>
      </p>
      <p className="aside">
        {t('signIn.noAccount')} <Link to="/register">{t('nav.register')}</Link>
      </p>
    </section>
  );
}
