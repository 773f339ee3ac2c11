/** Bytes of randomness in a ride id: 128 bits, as the workshop's `randomBytes(16)`. */
const RIDE_ID_BYTES = 16;

/** Encodes bytes as unpadded base64url, so ids are safe in URLs and DynamoDB keys alike. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A new ride id: 128 bits from the platform's CSPRNG, 22 URL-safe characters. */
export function newRideId(randomBytes: (n: number) => Uint8Array = secureRandomBytes): string {
  return toBase64Url(randomBytes(RIDE_ID_BYTES));
}

function secureRandomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}
