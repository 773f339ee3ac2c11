import { describe, expect, it } from 'vitest';
import { groupedSecret, otpauthUri } from '../../../src/features/account/otpauth';

describe('otpauth', () => {
  it('builds the key URI authenticator apps read, with the issuer as label prefix and parameter', () => {
    expect(otpauthUri('ann@example.com', 'ABCDEF')).toBe(
      'otpauth://totp/Wild%20Rydes:ann%40example.com?secret=ABCDEF&issuer=Wild%20Rydes&algorithm=SHA1&digits=6&period=30',
    );
  });
  it('groups the secret by four for typing', () => {
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
