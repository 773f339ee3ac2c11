import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Root } from '../../src/app/Root';
import { LANG_STORAGE_KEY } from '../../src/i18n/i18n';
import { testConfig } from '../helpers';

describe('start-up with /config.json', () => {
  it('shows the landing page when the config is good', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    render(<Root load={async () => ({ ok: true, config: testConfig })} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Daily unicorn rides, on demand' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Become a rider' }).getAttribute('href')).toBe('/register');
  });

  it('says the site is not configured and names each missing value', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    render(
      <Root
        load={async () => ({ ok: false, reason: 'invalid', problems: ['cognito.userPoolId is missing', 'api.invokeUrl is missing'] })}
      />,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Wild Rydes is not configured' })).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['cognito.userPoolId is missing', 'api.invokeUrl is missing']);
  });

  it('explains an unreachable config instead of showing a blank page', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    render(<Root load={async () => ({ ok: false, reason: 'unreachable', detail: '/config.json answered HTTP 404' })} />);
    expect(await screen.findByText('The configuration could not be loaded: /config.json answered HTTP 404')).toBeTruthy();
  });

  it('shows a loading status while the config is on its way', async () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    render(<Root load={() => new Promise(() => {})} />);
    expect((await screen.findByRole('status')).textContent).toBe('Loading…');
  });
});
