import { type SyntheticEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { expiresAt } from '../auth/session/jwt';

/**
 * The tutorial tests its API Gateway authorizer with the rider's ID token; this shows it with a
 * copy button. `getToken` returns a fresh token (refreshed when close to expiry).
 */
export function TokenPanel({ getToken }: { getToken: () => Promise<string> }) {
  const { t, lang } = useI18n();
  const [token, setToken] = useState<string | undefined>(undefined);
  const [copyStatus, setCopyStatus] = useState<'copied' | 'failed' | undefined>(undefined);

  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (!event.currentTarget.open) return;
    setCopyStatus(undefined);
    getToken().then(setToken, () => setToken(undefined));
  };

  const onCopy = async () => {
    if (!token) return;
    try {
      await navigator.clipboard.writeText(token);
      setCopyStatus('copied');
    } catch {
      setCopyStatus('failed');
    }
  };

  const exp = token ? expiresAt(token) : undefined;
  return (
    <details className="token-panel card" onToggle={onToggle}>
      <summary>{t('token.title')}</summary>
      <p>{t('token.lead')}</p>
      {token ? (
        <>
          <label htmlFor="id-token">{t('token.label')}</label>
          <textarea id="id-token" readOnly value={token} rows={6} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
          {exp ? <p>{t('token.expires', { time: new Date(exp).toLocaleString(lang) })}</p> : null}
          <button type="button" className="button" onClick={() => void onCopy()}>
            {t('token.copy')}
          </button>
        </>
      ) : (
        <p>{t('loading')}</p>
      )}
      <p role="status" className="copy-status">
        {copyStatus === 'copied' ? t('token.copied') : copyStatus === 'failed' ? t('token.copyFailed') : ''}
      </p>
    </details>
  );
}
