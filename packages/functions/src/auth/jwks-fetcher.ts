import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Fetcher } from 'aws-jwt-verify/https';

/** The longest a JWKS fetch may take, all of it: connecting, waiting, and reading the body. */
const JWKS_DEADLINE_MS = 3000;

/** The key server could not be reached: our problem, not the caller's (a 503, not a 401). */
export class JwksUnavailable extends Error {
  override name = 'JwksUnavailable';
}
const MAX_BYTES = 64 * 1024;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Fetches a JWKS over https (Cognito) or, on this machine only, http (cognito-local): aws-jwt-verify's
 * own fetcher accepts only https. Bounded in size, and in time as a whole, not only between bytes: a
 * key server that answers a byte at a time cannot hold a request past `deadlineMs`.
 */
export function createJwksFetcher(deadlineMs = JWKS_DEADLINE_MS): Fetcher {
  return {
    fetch: (uri) =>
      new Promise<ArrayBuffer>((resolve, reject) => {
        const url = new URL(uri);
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
          reject(new JwksUnavailable(`JWKS must come over https (or http from this machine), not ${url.origin}`));
          return;
        }
        const get = url.protocol === 'http:' ? httpGet : httpsGet;
        const request = get(uri, { timeout: deadlineMs }, (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            finish(new JwksUnavailable(`JWKS request answered ${response.statusCode}`));
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
            finish(undefined, body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
          });
          response.on('error', (error) => finish(error));
        });
        const deadline = setTimeout(() => request.destroy(new JwksUnavailable(`JWKS request took over ${deadlineMs} ms`)), deadlineMs);
        function finish(error: Error | undefined, body?: ArrayBuffer) {
          clearTimeout(deadline);
          if (error) reject(error instanceof JwksUnavailable ? error : new JwksUnavailable(error.message));
          else resolve(body as ArrayBuffer);
        }
        request.on('timeout', () => request.destroy(new JwksUnavailable('JWKS request timed out')));
        request.on('error', (error) => finish(error));
      }),
  };
}

export const jwksFetcher = createJwksFetcher();
