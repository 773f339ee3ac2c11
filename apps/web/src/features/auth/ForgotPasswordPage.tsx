import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { navigate, useLocation } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { describeAuthError, type FieldErrors, focusFirstInvalid, usePreload, useSubmit } from './auth-errors';
import { AuthError } from './auth-service';
import { PasswordRules } from './form/PasswordRules';
import { looksLikeEmail, unmetRules } from './form/password-rules';
import { useAuthService } from './use-auth-service';

type Field = 'email' | 'code' | 'password';

/** Two steps on one page: ask for a code, then send the code with the new password. */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const preloadOnce = usePreload(auth);
  const { query } = useLocation();
  const [step, setStep] = useState<'request' | 'reset'>('request');
  const [email, setEmail] = useState(() => query.get('email') ?? '');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const { busy, error, run } = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length > 0) focusFirstInvalid(formRef.current);
  }, [errors]);
  useEffect(() => {
    if (step === 'reset') codeRef.current?.focus();
  }, [step]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors<Field> = {};
    if (email.trim() === '') found.email = t('form.required');
    else if (!looksLikeEmail(email.trim())) found.email = t('form.emailInvalid');
    if (step === 'reset') {
      if (code.trim() === '') found.code = t('form.required');
      else if (!/^\d{6}$/.test(code.trim())) found.code = t('form.codeInvalid');
      if (password === '') found.password = t('form.required');
      else if (unmetRules(password).length > 0) found.password = t('form.passwordWeak');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const address = email.trim();
    void run(async () => {
      if (step === 'request') {
        try {
          await auth.forgotPassword(address);
        } catch (error) {
          // Cognito already answers alike for unknown emails (PreventUserExistenceErrors); if one
          // does not (cognito-local), the page still says the same: no one learns who rides.
          if (!(error instanceof AuthError && error.code === 'UserNotFoundException')) throw error;
        }
        setStep('reset');
      } else {
        await auth.confirmPassword(address, code.trim(), password);
        navigate(`/signin?email=${encodeURIComponent(address)}&reset=1`);
      }
    });
  };

  return (
    <section className="card narrow">
      <PageHeading title={t('forgot.title')} />
      <p>{t('forgot.lead')}</p>
      <Notice kind="status">{step === 'reset' ? t('forgot.sent', { email: email.trim() }) : null}</Notice>
      <form ref={formRef} onSubmit={onSubmit} onFocus={preloadOnce} noValidate>
        <TextField
          label={t('form.email')}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          readOnly={step === 'reset'}
          required
        />
        {step === 'reset' ? (
          <>
            <TextField
              ref={codeRef}
              label={t('form.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={errors.code}
              required
            />
            <TextField
              label={t('form.newPassword')}
              type="password"
              name="new-password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={errors.password}
              describedBy="forgot-password-rules"
              required
            />
            <PasswordRules id="forgot-password-rules" password={password} />
          </>
        ) : null}
        <Notice kind="alert">{error ? describeAuthError(t, error) : null}</Notice>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('form.working') : t(step === 'request' ? 'forgot.send' : 'forgot.submit')}
        </button>
      </form>
    </section>
  );
}
