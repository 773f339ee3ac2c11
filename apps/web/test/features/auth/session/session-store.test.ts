import { describe, expect, it } from 'vitest';
import { tokenStorage } from '../../../../src/features/auth/session/session-store';

describe('tokenStorage', () => {
  it('keeps every token amazon-cognito-identity-js writes but the access token', () => {
    const storage = tokenStorage(localStorage);
    storage.setItem('CognitoIdentityServiceProvider.c.u.idToken', 'id');
    storage.setItem('CognitoIdentityServiceProvider.c.u.accessToken', 'access');
    storage.setItem('CognitoIdentityServiceProvider.c.u.refreshToken', 'refresh');
    storage.setItem('elsewhere.accessToken', 'not ours');
    expect(localStorage.getItem('CognitoIdentityServiceProvider.c.u.idToken')).toBe('id');
    expect(localStorage.getItem('CognitoIdentityServiceProvider.c.u.refreshToken')).toBe('refresh');
    expect(localStorage.getItem('CognitoIdentityServiceProvider.c.u.accessToken')).toBeNull();
    expect(localStorage.getItem('elsewhere.accessToken')).toBe('not ours');
  });
});
