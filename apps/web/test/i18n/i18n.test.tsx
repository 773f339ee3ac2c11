import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { detectLang, LANG_STORAGE_KEY } from '../../src/i18n/i18n';
import { renderApp } from '../helpers';

describe('language', () => {
  it('follows the browser: Korean for ko-KR, English for anything we do not speak', () => {
    expect(detectLang(['ko-KR', 'en-US'])).toBe('ko');
    expect(detectLang(['fr-FR', 'en-GB'])).toBe('en');
    expect(detectLang(['de-DE'])).toBe('en');
  });

  it('prefers the rider’s remembered choice over the browser', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'ko');
    expect(detectLang(['en-US'])).toBe('ko');
  });

  it('switches the whole UI, sets <html lang> and remembers the choice', async () => {
    const user = userEvent.setup();
    renderApp('/', { lang: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Daily unicorn rides, on demand' })).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ko');

    expect(await screen.findByRole('heading', { level: 1, name: '매일 타는 유니콘, 원할 때 바로' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '라이더 되기' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: '언어' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('ko'));
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('ko');
  });

  it('translates form validation messages too', async () => {
    const user = userEvent.setup();
    renderApp('/signin', { lang: 'ko' });
    await user.click(await screen.findByRole('button', { name: '로그인' }));
    expect(screen.getAllByText('이 항목을 입력하세요.')).toHaveLength(2);
  });
});
