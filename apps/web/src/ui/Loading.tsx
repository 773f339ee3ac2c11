import { useI18n } from '../i18n/i18n';

/** What shows while the config, a page's code or its translations load. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}
