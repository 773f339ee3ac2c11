import type { ConfigResult } from '../config/runtime-config';
import { useI18n } from '../i18n/i18n';
import { PageHeading } from '../ui/PageHeading';

/** Shown instead of the app when /config.json is missing or incomplete: never a blank page. */
export default function NotConfiguredPage({ result }: { result: Exclude<ConfigResult, { ok: true }> }) {
  const { t } = useI18n();
  return (
    <section className="card narrow not-configured">
      <PageHeading title={t('config.title')} />
      <p>{t('config.lead')}</p>
      {result.reason === 'invalid' ? (
        <>
          <p>{t('config.problems')}</p>
          <ul>
            {result.problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('config.unreachable', { detail: result.detail })}</p>
      )}
      <p className="aside">{t('config.hint')}</p>
    </section>
  );
}
