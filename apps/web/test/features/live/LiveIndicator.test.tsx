import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { POLL_INTERVAL_MS } from '../../../src/features/live/backoff';
import { LiveIndicator } from '../../../src/features/live/LiveIndicator';
import { ensureCatalog } from '../../../src/i18n/catalogs';
import { I18nProvider } from '../../../src/i18n/i18n';

describe('the live indicator', () => {
  it('says in words whether the page is live, and when it polls, how often', async () => {
    await Promise.all([ensureCatalog('en', ['ride']), ensureCatalog('ko', ['ride'])]);
    const { unmount } = render(
      <I18nProvider initialLang="en">
        <LiveIndicator state="live" />
      </I18nProvider>,
    );
    expect(await screen.findByText('Live')).toBeTruthy();
    unmount();
    render(
      <I18nProvider initialLang="ko">
        <LiveIndicator state="polling" />
      </I18nProvider>,
    );
    expect(await screen.findByText(`실시간 연결 안 됨: ${POLL_INTERVAL_MS / 1000}초마다 탑승 상태를 확인합니다`)).toBeTruthy();
  });
});
