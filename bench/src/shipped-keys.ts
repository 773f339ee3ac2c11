/**
 * A cold start with the user pool's signing keys shipped with the function, against one that
 * fetches them, as it would from Cognito: the local JWKS served through a loopback proxy that holds
 * each answer 60 ms, about a TLS round trip to Cognito from Lambda. Tokens name the proxy as their
 * issuer (signed with cognito-local's key), so the function's own verifier fetches through it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeJwks, fetchPoolJwks } from '@wildrydes/local-stack';
import { type ColdResult, coldStarts, type Implementation, rideEvent } from './lambda';
import type { Location } from './riders';
import { riderMint } from './riders';

/** Added to every JWKS answer: about one TLS handshake and request to Cognito's regional endpoint. */
export const JWKS_LATENCY_MS = 60;

export interface ShippedKeysResult {
  rounds: number;
  jwksLatencyMs: number;
  fetched: ColdResult;
  shipped: ColdResult;
  floor: ColdResult;
}

/** A loopback server answering `<pool>/.well-known/jwks.json` with cognito-local's, `delayMs` late. */
async function slowJwksServer(cognitoEndpoint: string, delayMs: number): Promise<{ server: Server; url: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    setTimeout(async () => {
      const upstream = await fetch(`${cognitoEndpoint}${request.url}`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
      response.writeHead(upstream?.status ?? 502, { 'Content-Type': 'application/json' });
      response.end(upstream ? await upstream.text() : '{}');
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://localhost:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

export async function measureShippedKeys(options: {
  artefact: string;
  floorFile: string;
  rounds: number;
  workDir: string;
  env: NodeJS.ProcessEnv;
  cognito: { endpoint: string; userPoolId: string };
  templateIdToken: string;
  origin: string;
  pickupAt: (k: number) => Location;
  log: (line: string) => void;
}): Promise<ShippedKeysResult> {
  const proxy = await slowJwksServer(options.cognito.endpoint, JWKS_LATENCY_MS);
  try {
    const issuer = `${proxy.url}/${options.cognito.userPoolId}`;
    const mint = await riderMint(options.templateIdToken, { iss: issuer });
    let k = 0;
    const nextEvent = () => {
      const n = k++;
      return rideEvent(mint(`bench-keys-${n}`).idToken, options.origin, options.pickupAt(10_000 + n));
    };
    const env = { ...options.env, COGNITO_ENDPOINT: proxy.url };
    const keys = encodeJwks(await fetchPoolJwks(`${options.cognito.endpoint}/${options.cognito.userPoolId}`));
    const impls: Implementation[] = [
      { name: 'sdkFloor', artefact: options.floorFile, nextEvent, env: options.env },
      { name: 'wildrydesFetched', artefact: options.artefact, nextEvent, env: { ...env, ID_TOKEN_JWKS: '' } },
      { name: 'wildrydesShipped', artefact: options.artefact, nextEvent, env: { ...env, ID_TOKEN_JWKS: keys } },
    ];
    options.log(`signing keys: ${options.rounds} cold-start rounds, keys fetched (${JWKS_LATENCY_MS} ms away) against shipped`);
    const before = proxy.requests();
    const cold = (await coldStarts(impls, options.rounds, options.workDir, options.log)) as Record<string, ColdResult>;
    // Each fetching cold start asked once; each shipped one never did.
    const asked = proxy.requests() - before;
    if (asked !== options.rounds)
      throw new Error(`the JWKS proxy was asked ${asked} times in ${options.rounds} rounds: the shipped keys were not used`);
    return {
      rounds: options.rounds,
      jwksLatencyMs: JWKS_LATENCY_MS,
      fetched: cold.wildrydesFetched!,
      shipped: cold.wildrydesShipped!,
      floor: cold.sdkFloor!,
    };
  } finally {
    await new Promise((resolve) => proxy.server.close(resolve));
  }
}
