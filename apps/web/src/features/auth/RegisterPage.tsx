import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Link, navigate } from '../../router/router';
import { Notice } from '../../ui/Notice';
import { PageHeading } from '../../ui/PageHeading';
import { TextField } from '../../ui/TextField';
import { describeAuthError, type FieldErrors, focusFirstInvalid, usePreload, useSubmit } from './auth-errors';
import { AuthError } from './auth-service';
import { PasswordRules } from './form/PasswordRules';
import { looksLikeEmail, unmetRules } from './form/password-rules';
import { useAuthService } from './use-auth-service';

type Field = 'email' | 'password' | 'confirm';

export default function RegisterPage() {
  const { t } = useI18n();
  const auth = useAuthService();
  const preloadOnce = usePreload(auth);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const { busy, error, run } = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (Object.keys(errors).length > 0) focusFirstInvalid(formRef.current);
  }, [errors]);

  const validate = (): FieldErrors<Field> => {
    const found: FieldErrors<Field> = {};
    if (email.trim() === '') found.email = t('form.required');
    else if (!looksLikeEmail(email.trim())) found.email = t('form.emailInvalid');
    if (password === '') found.password = t('form.required');
    else if (unmetRules(password).length > 0) found.password = t('form.passwordWeak');
    if (confirm === '') found.confirm = t('form.required');
    else if (confirm !== password) found.confirm = t('form.passwordMismatch');
    return found;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const address = email.trim();
    void run(async () => {
      try {
        await auth.signUp(address, password);
      } catch (error) {
        // The same answer whether or not the email has an account: this page must not tell a
        // stranger who rides with us. The owner gets no code, and can sign in or reset instead.
        if (!(error instanceof AuthError && error.code === 'UsernameExistsException')) throw error;
      }
      navigate(`/verify?email=${encodeURIComponent(address)}&registered=1`);
    });
  };

  return (
    <section className="card narrow">
      <PageHeading title={t('register.title')} />
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
          label={t('form.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
          describedBy="register-password-rules"
          required
        />
        <PasswordRules id="register-password-rules" password={password} />
        <TextField
          label={t('form.confirmPassword')}
          type="password"
          name="confirm"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={errors.confirm}
          required
        />
        <Notice kind="alert">{error ? describeAuthError(t, error) : null}</Notice>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('form.working') : t('register.submit')}
        </button>
      </form>
      <p className="aside">
        {t('register.haveAccount')} <Link to="/signin">{t('nav.signIn')}</Link>
      </p>
    </section>
  );
}
