import type { Jwks } from 'aws-jwt-verify/jwk';

/**
 * Everything a function learns from its environment, read once per container.
 * serverless.yml is the one place these are set, for AWS and for the local stack alike.
 */
export interface FunctionConfig {
  region: string;
  ridesTable: string;
  idempotencyTable: string;
  unicornsTable: string;
  ridersTable: string;
  /** The longest a rider is asked to wait for a unicorn; beyond it, 503 and nothing booked. */
  maxWaitMinutes: number;
  userPoolId: string;
  userPoolClientId: string;
  /** Token issuer: Cognito's in AWS; cognito-local's `http://localhost:9229/<poolId>` locally. */
  tokenIssuer: string;
  /** Set only locally (cognito-local); AWS uses the regional endpoint. */
  cognitoEndpoint: string | undefined;
  /** The pool's signing keys as deployed with the function (`ID_TOKEN_JWKS`), when the deploy shipped them. */
  idTokenJwks: Jwks | undefined;
  /** Longest wait for one try of a DynamoDB call (the SDK makes two) before answering 503. */
  dynamodbTimeoutMs: number;
  /** How long before its timeout the function stops waiting and answers (a 503 if it must). */
  answerReserveMs: number;
  /** Set only locally (DynamoDB Local); AWS uses the regional endpoint. */
  dynamodbEndpoint: string | undefined;
  /** Origins the browser may call from: `*` or a comma-separated list. */
  allowedOrigins: string[];
}

export function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string): number {
  const value = Number(required(env, name));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${env[name]}`);
  return value;
}

/** A duration serverless.yml sets: no default here, so it has one home. */
function milliseconds(env: NodeJS.ProcessEnv, name: string): number {
  const value = Number(required(env, name));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a whole number of milliseconds above 0`);
  return value;
}

/** Hosts plain http may reach: this machine only (the local stack). Anything else needs https. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An endpoint from the environment: https anywhere, plain http only to this machine, so a
 * misconfigured stage can never send tokens or data in clear text across a network.
 */
export function endpoint(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim().replace(/\/+$/, '');
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: ${value}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return value;
  throw new Error(`${name} must be https, or http to this machine (localhost) only: ${value}`);
}

/**
 * `ID_TOKEN_JWKS`: the pool's JWKS, base64url-encoded JSON (serverless.yml's `idTokenJwks`, which
 * the deploy fills from the deployed pool). Empty: the keys are fetched at the first request. Keys
 * that are not a JWKS stop the function at start, loudly: a deploy that shipped garbage must not look
 * healthy until some token arrives.
 */
export function shippedJwks(env: NodeJS.ProcessEnv): Jwks | undefined {
  const value = env.ID_TOKEN_JWKS?.trim();
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new Error('ID_TOKEN_JWKS is not base64url-encoded JSON');
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'object' && k !== null && typeof k.kid === 'string')) {
    throw new Error('ID_TOKEN_JWKS is not a JWKS: {"keys":[{"kid":…},…]}');
  }
  return parsed as Jwks;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const userPoolId = required(env, 'USER_POOL_ID');
  const cognitoEndpoint = endpoint(env, 'COGNITO_ENDPOINT');
  return {
    region,
    ridesTable: required(env, 'RIDES_TABLE'),
    idempotencyTable: required(env, 'IDEMPOTENCY_TABLE'),
    unicornsTable: required(env, 'UNICORNS_TABLE'),
    ridersTable: required(env, 'RIDERS_TABLE'),
    maxWaitMinutes: positiveNumber(env, 'MAX_WAIT_MINUTES'),
    userPoolId,
    userPoolClientId: required(env, 'USER_POOL_CLIENT_ID'),
    tokenIssuer: cognitoEndpoint ? `${cognitoEndpoint}/${userPoolId}` : `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
    cognitoEndpoint,
    idTokenJwks: shippedJwks(env),
    dynamodbEndpoint: endpoint(env, 'DYNAMODB_ENDPOINT'),
    dynamodbTimeoutMs: milliseconds(env, 'DYNAMODB_TIMEOUT_MS'),
    answerReserveMs: milliseconds(env, 'ANSWER_RESERVE_MS'),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '*')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  };
}

/**
 * The key that signs history cursors, set only on ListRides: in AWS a secret CloudFormation
 * generates per stack, locally one the local stack makes per run (serverless.yml, `cursorSecret`).
 */
export function readCursorSecret(env: NodeJS.ProcessEnv = process.env): string {
  return required(env, 'CURSOR_SECRET');
}
