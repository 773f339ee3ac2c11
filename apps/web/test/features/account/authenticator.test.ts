import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../src/features/account/authenticator';
import { testConfig } from '../../helpers';

describe('createAuthenticator', () => {
  const cognitoJson = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });

  it('sets up with the account’s fresh access token: associate, verify, then prefer the app', async () => {
    const calls: { action: string; body: Record<string, unknown> }[] = [];
    const fetchFn = (async (_url: string, init: RequestInit) => {
      const action = String((init.headers as Record<string, string>)['X-Amz-Target'])
        .split('.')
        .pop()!;
      calls.push({ action, body: JSON.parse(String(init.body)) });
      if (action === 'AssociateSoftwareToken') return cognitoJson({ SecretCode: 'SECRET' });
      if (action === 'VerifySoftwareToken') return cognitoJson({ Status: 'SUCCESS' });
      if (action === 'GetUser') return cognitoJson({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
      return cognitoJson({});
    }) as unknown as typeof fetch;
    let n = 0;
    const authenticator = createAuthenticator(testConfig.cognito, { accessToken: async () => `access-${++n}` }, fetchFn);
    expect(await authenticator.begin()).toBe('SECRET');
    await authenticator.confirm('123456');
    expect(await authenticator.isOn()).toBe(true);
    expect(calls).toEqual([
      { action: 'AssociateSoftwareToken', body: { AccessToken: 'access-1' } },
      { action: 'VerifySoftwareToken', body: { AccessToken: 'access-2', UserCode: '123456', FriendlyDeviceName: 'Wild Rydes' } },
      {
        action: 'SetUserMFAPreference',
        body: { AccessToken: 'access-3', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } },
      },
      { action: 'GetUser', body: { AccessToken: 'access-4' } },
    ]);
  });

  it('refuses a wrong code as Cognito says it, and turns nothing on', async () => {
    const actions: string[] = [];
    const fetchFn = (async (_url: string, init: RequestInit) => {
      actions.push(
        String((init.headers as Record<string, string>)['X-Amz-Target'])
          .split('.')
          .pop()!,
      );
      return cognitoJson({ __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch' }, 400);
    }) as unknown as typeof fetch;
    const authenticator = createAuthenticator(testConfig.cognito, { accessToken: async () => 'a' }, fetchFn);
    await expect(authenticator.confirm('000000')).rejects.toMatchObject({ code: 'EnableSoftwareTokenMFAException' });
    expect(actions).toEqual(['VerifySoftwareToken']);
  });
});
