/** Riders for tests: signed up and signed in through cognito-local, or minted tokens with chosen claims. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AdminConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { importJWK, type JWK, SignJWT } from 'jose';
import { ensureUserPool, ensureUserPoolClient } from '../bootstrap';
import { cognitoDataDir } from '../services/cognito';
import { config, localClients, readStack } from './stack-access';

export const demoRider = config.demoRider;

export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/** Signs in with USER_PASSWORD_AUTH, as the web app does against cognito-local. */
export async function signIn(email: string, password: string, clientId?: string): Promise<Tokens> {
  const { idp } = await localClients();
  const { cognito } = await readStack();
  const { AuthenticationResult: result } = await idp.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId ?? cognito.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) throw new Error(`Sign-in of ${email} returned no tokens`);
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}

let riders = 0;
/** Registers and confirms a new rider (in our pool, or another), then signs in. */
export async function createRider(pool?: { userPoolId: string; userPoolClientId: string }) {
  const { idp } = await localClients();
  const { cognito } = await readStack();
  const ids = pool ?? cognito;
  const email = `rider-${Date.now().toString(36)}-${process.pid}-${++riders}@wildrydes.local`;
  const password = 'Test-rider-1!';
  await idp.send(
    new SignUpCommand({
      ClientId: ids.userPoolClientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await idp.send(new AdminConfirmSignUpCommand({ UserPoolId: ids.userPoolId, Username: email }));
  return { email, password, tokens: await signIn(email, password, ids.userPoolClientId) };
}

/** Another user pool with its own app client on the same cognito-local: a stranger's tokens. */
export async function otherUserPool(name = 'wildrydes-stranger') {
  const { idp } = await localClients();
  const userPoolId = await ensureUserPool(idp, name);
  return { userPoolId, userPoolClientId: await ensureUserPoolClient(idp, userPoolId, 'stranger-web') };
}

/** The code cognito-local "emailed" to a rider (sign-up or password reset), from its data files. */
export async function confirmationCode(email: string): Promise<string> {
  const { cognito } = await readStack();
  const file = join(cognitoDataDir(config), `${cognito.userPoolId}.json`);
  const db = JSON.parse(await readFile(file, 'utf8')) as {
    Users?: Record<string, { Username?: string; ConfirmationCode?: string; Attributes?: { Name: string; Value: string }[] }>;
  };
  const user = Object.values(db.Users ?? {}).find(
    (u) => u.Username === email || u.Attributes?.some((a) => a.Name === 'email' && a.Value === email),
  );
  if (!user?.ConfirmationCode) throw new Error(`No confirmation code stored for ${email}`);
  return user.ConfirmationCode;
}

let signingKey: ReturnType<typeof importJWK> | undefined;
/** cognito-local's private key, read and imported once (tests mint hundreds of tokens). */
function cognitoLocalKey() {
  signingKey ??= (async () => {
    const require = createRequire(import.meta.url);
    const keyFile = join(require.resolve('cognito-local/package.json'), '..', 'lib', 'keys', 'cognitoLocal.private.json');
    const { jwk } = JSON.parse(await readFile(keyFile, 'utf8')) as { jwk: JWK };
    return importJWK(jwk, 'RS256');
  })();
  return signingKey;
}

/** Mints a token signed with cognito-local's own key (it ships in the npm package): valid signature, chosen claims. */
export async function mintToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const { cognito } = await readStack();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    'cognito:username': 'minted-rider',
    sub: 'minted-rider',
    token_use: 'id',
    iss: `${cognito.endpoint}/${cognito.userPoolId}`,
    aud: cognito.userPoolClientId,
    iat: now,
    exp: now + 3600,
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal', ...header })
    .sign(await cognitoLocalKey());
}

/** A rider the API has never seen, with a valid ID token (`idToken`, as in Tokens) and their `cognito:username`. */
export interface MintedRider {
  username: string;
  idToken: string;
}

/**
 * A fresh rider: a valid ID token (cognito-local's key, our pool and app client) for a new, unique
 * `cognito:username` and `sub`. One active ride per rider: tests that book many rides use one each.
 */
export async function riderToken(name = 'rider'): Promise<MintedRider> {
  const username = `${name}-${randomUUID()}`;
  return { username, idToken: await mintToken({ 'cognito:username': username, sub: randomUUID() }) };
}

/** `n` fresh riders (see riderToken). */
export const riderTokens = (n: number, name = 'rider'): Promise<MintedRider[]> =>
  Promise.all(Array.from({ length: n }, () => riderToken(name)));

/** The rider an ID token names (`cognito:username`), as the function takes it from a verified token. */
export function riderOf(idToken: string): string {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const username = payload['cognito:username'];
  if (typeof username !== 'string') throw new Error('The token names no cognito:username');
  return username;
}
