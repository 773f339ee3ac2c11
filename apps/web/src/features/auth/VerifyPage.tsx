import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { navigate, useLocation } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { describeAuthError, type FieldErrors, focusFirstInvalid, usePreload, useSubmit } from './auth-errors';
import { looksLikeEmail } from './form/password-rules';
import { useAuthService } from './use-auth-service';

type Field = 'email' | 'code';

export default function VerifyPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const preloadOnce = usePreload(auth);
  const { query } = useLocation();
  const [email, setEmail] = useState(() => query.get('email') ?? '');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  // Kept as a key and its values, not as text, so a language switch translates it too.
  const [info, setInfo] = useState<{ key: 'register.done' | 'verify.resent'; email: string } | undefined>(() => {
    const registered = query.get('email');
    return query.get('registered') && registered ? { key: 'register.done', email: registered } : undefined;
  });
  const { busy, error, run } = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length > 0) focusFirstInvalid(formRef.current);
  }, [errors]);

  const checkEmail = (found: FieldErrors<Field>) => {
    if (email.trim() === '') found.email = t('form.required');
    else if (!looksLikeEmail(email.trim())) found.email = t('form.emailInvalid');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors<Field> = {};
    checkEmail(found);
    if (code.trim() === '') found.code = t('form.required');
    else if (!/^\d{6}$/.test(code.trim())) found.code = t('form.codeInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const address = email.trim();
    setInfo(undefined);
    void run(async () => {
      await auth.confirmSignUp(address, code.trim());
      navigate(`/signin?email=${encodeURIComponent(address)}&verified=1`);
    });
  };

  const onResend = () => {
    const found: FieldErrors<Field> = {};
    checkEmail(found);
    setErrors(found);
    if (found.email) return;
    const address = email.trim();
    setInfo(undefined);
    void run(async () => {
      await auth.resendCode(address);
      setInfo({ key: 'verify.resent', email: address });
    });
  };

  return (
    <section className="card narrow">
      <PageHeading title={t('verify.title')} />
      <p>{t('verify.lead')}</p>
      <Notice kind="status">{info ? t(info.key, { email: info.email }) : null}</Notice>
      <form ref={formRef} onSubmit={onSubmit} onFocus={preloadOnce} noValidate>
        <TextField
          label={t('form.email')}
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          required
        />
        <TextField
          label={t('form.code')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={errors.code}
          required
        />
        <Notice kind="alert">{error ? describeAuthError(t, error) : null}</Notice>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('form.working') : t('verify.submit')}
          </button>
          <button type="button" className="button" onClick={onResend} disabled={busy}>
            {t('verify.resend')}
          </button>
        </div>
      </form>
    </section>
  );
}
