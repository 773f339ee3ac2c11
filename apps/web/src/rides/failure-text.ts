import type { ApiFailure } from '../api/api';
import type { Translate } from '../i18n/i18n';

/** A failed ride call in the rider's words: the API's own message when it sent one. */
export function describeFailure(t: Translate, failure: ApiFailure): string {
  switch (failure.kind) {
    case 'http':
      return failure.message ?? t('ride.error.http', { status: failure.status });
    case 'timeout':
      return t('ride.error.timeout');
    case 'network':
      return t('ride.error.network');
    case 'badResponse':
      return t('ride.error.badResponse');
  }
}
