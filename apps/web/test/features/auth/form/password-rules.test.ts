import { PASSWORD_POLICY } from '@wildrydes/contract';
import { describe, expect, it } from 'vitest';
import { PASSWORD_RULES, unmetRules } from '../../../../src/features/auth/form/password-rules';
import { ensureCatalog } from '../../../../src/i18n/catalogs';
import { translate } from '../../../../src/i18n/i18n';

describe('the password checklist', () => {
  it('asks for what the user pool asks: every required kind of character and its minimum length', () => {
    const required = [
      PASSWORD_POLICY.RequireUppercase && 'upper',
      PASSWORD_POLICY.RequireLowercase && 'lower',
      PASSWORD_POLICY.RequireNumbers && 'digit',
      PASSWORD_POLICY.RequireSymbols && 'symbol',
    ].filter(Boolean);
    expect(PASSWORD_RULES.map((rule) => rule.id)).toEqual(['length', ...required]);
    const good = `Aa1!${'x'.repeat(PASSWORD_POLICY.MinimumLength - 4)}`;
    expect(unmetRules(good)).toEqual([]);
    expect(unmetRules(good.slice(0, -1))).toEqual(['length']);
  });

  it('states the minimum length in both languages', async () => {
    const length = PASSWORD_RULES.find((rule) => rule.id === 'length')!;
    await Promise.all([ensureCatalog('en', ['auth']), ensureCatalog('ko', ['auth'])]);
    const texts = (['en', 'ko'] as const).map((lang) => translate(lang, length.label, length.params));
    expect(texts[0]).not.toBe(texts[1]);
    for (const text of texts) expect(text).toContain(String(PASSWORD_POLICY.MinimumLength));
  });
});
