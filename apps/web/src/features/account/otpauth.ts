/** The name authenticator apps show above the rider's codes. */
const AUTHENTICATOR_ISSUER = 'Wild Rydes';

/**
 * The key URI authenticator apps read from a QR code (Google's "Key Uri Format", which every
 * authenticator follows): TOTP, SHA-1, 6 digits every 30 seconds, as Cognito's software tokens are.
 */
export function otpauthUri(account: string, secret: string, issuer = AUTHENTICATOR_ISSUER): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}

/** The secret in groups of four, as riders type it into an app by hand. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');
