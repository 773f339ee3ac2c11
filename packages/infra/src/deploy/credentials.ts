/**
 * Checks for usable AWS credentials before calling `sls`, and turns every way that fails into
 * one line saying what to do: no stack traces.
 */
export interface CallerIdentity {
  Account?: string;
  Arn?: string;
}

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

const HOW_TO =
  'set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run in CI with an assumed role (docs/deploy.md)';

interface AwsLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The one-line message for an error from the credential chain or STS GetCallerIdentity. */
export function describeCredentialsError(error: unknown, region: string): string {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as AwsLikeError;
  const name = e.name ?? e.code ?? e.Code ?? '';
  const [firstLine = ''] = (e.message ?? '').split('\n');
  const message = firstLine.trim();
  if (
    name === 'CredentialsProviderError' ||
    /could not load credentials|credential.*not.*found|unable to (find|locate) credentials/i.test(message)
  ) {
    return `No AWS credentials found: ${HOW_TO}.`;
  }
  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name) || /expired/i.test(message)) {
    return `Your AWS credentials have expired: refresh them (e.g. \`aws sso login\`) and try again.`;
  }
  if (
    /^(InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClientException|InvalidAccessKeyId|AccessDenied|AccessDeniedException)$/.test(
      name,
    )
  ) {
    return `AWS rejected the credentials (${name}): check the access key, secret and session token, or ${HOW_TO}.`;
  }
  if (
    /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|TimeoutError|timed? ?out|socket hang up|fetch failed/i.test(`${name} ${message}`)
  ) {
    return `Cannot reach AWS STS in ${region} to check the credentials (${message || name}): check the network or the region.`;
  }
  return `Cannot check the AWS credentials: ${name ? `${name}: ` : ''}${message || 'unknown error'}.`;
}

/** Resolves the caller's identity, or throws a CredentialsError with a one-line message. */
export async function checkCredentials(
  getCallerIdentity: () => Promise<CallerIdentity>,
  region: string,
): Promise<Required<CallerIdentity>> {
  let identity: CallerIdentity;
  try {
    identity = await getCallerIdentity();
  } catch (error) {
    throw new CredentialsError(describeCredentialsError(error, region));
  }
  if (!identity.Account || !identity.Arn) throw new CredentialsError('AWS STS answered without an account: check the credentials.');
  return { Account: identity.Account, Arn: identity.Arn };
}
