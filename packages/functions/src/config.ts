/**
 * Everything a function learns from its environment, read once per container.
 * serverless.yml is the one place these are set, for AWS and for the local stack alike.
 */
export interface FunctionConfig {
  region: string;
  ridesTable: string;
  idempotencyTable: string;
  unicornsTable: string;
  userPoolId: string;
  userPoolClientId: string;
  /** Token issuer: Cognito's in AWS; cognito-local's `http://localhost:9229/<poolId>` locally. */
  tokenIssuer: string;
  /** Longest wait for one DynamoDB attempt (two are made) before answering 503. */
  dynamodbTimeoutMs: number;
  /** Set only locally (DynamoDB Local); AWS uses the regional endpoint. */
  dynamodbEndpoint: string | undefined;
  /** Origins the browser may call from: `*` or a comma-separated list. */
  allowedOrigins: string[];
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const userPoolId = required(env, 'USER_POOL_ID');
  const cognitoEndpoint = env.COGNITO_ENDPOINT?.replace(/\/+$/, '');
  return {
    region,
    ridesTable: required(env, 'RIDES_TABLE'),
    idempotencyTable: required(env, 'IDEMPOTENCY_TABLE'),
    unicornsTable: required(env, 'UNICORNS_TABLE'),
    userPoolId,
    userPoolClientId: required(env, 'USER_POOL_CLIENT_ID'),
    tokenIssuer: cognitoEndpoint ? `${cognitoEndpoint}/${userPoolId}` : `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    dynamodbTimeoutMs: Number(env.DYNAMODB_TIMEOUT_MS) || 3000,
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
