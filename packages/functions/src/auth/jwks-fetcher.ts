import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Fetcher } from 'aws-jwt-verify/https';

const TIMEOUT_MS = 3000;

/** The key server could not be reached: our problem, not the caller's (a 503, not a 401). */
export class JwksUnavailable extends Error {
  override name = 'JwksUnavailable';
}
const MAX_BYTES = 64 * 1024;

/**
 * Fetches a JWKS over https (Cognito) or http (cognito-local on loopback): aws-jwt-verify's own
 * fetcher accepts only https. Bounded in time and size so a bad key server cannot hang a request.
 */
export const jwksFetcher: Fetcher = {
  fetch: (uri) =>
    new Promise<ArrayBuffer>((resolve, reject) => {
      const get = uri.startsWith('http:') ? httpGet : httpsGet;
      const request = get(uri, { timeout: TIMEOUT_MS }, (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new JwksUnavailable(`JWKS request answered ${response.statusCode}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) request.destroy(new JwksUnavailable('JWKS response too large'));
          else chunks.push(chunk);
        });
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
        });
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new JwksUnavailable('JWKS request timed out')));
      request.on('error', (error) => reject(error instanceof JwksUnavailable ? error : new JwksUnavailable(error.message)));
    }),
};
