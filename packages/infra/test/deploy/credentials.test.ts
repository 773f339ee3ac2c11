import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';
import { CredentialsError, checkCredentials, describeCredentialsError } from '../../src/deploy/credentials';
import { fakePackage } from './fake-package';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('missing or bad AWS credentials', () => {
  it('gives one line for each way the check fails', () => {
    const lines = [
      describeCredentialsError(awsError('CredentialsProviderError', 'Could not load credentials from any providers'), 'us-east-1'),
      describeCredentialsError(awsError('ExpiredToken', 'The security token included in the request is expired'), 'us-east-1'),
      describeCredentialsError(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.'), 'us-east-1'),
      describeCredentialsError(awsError('Error', 'getaddrinfo ENOTFOUND sts.eu-west-1.amazonaws.com'), 'eu-west-1'),
      describeCredentialsError('something odd', 'us-east-1'),
    ];
    expect(lines[0]).toMatch(/^No AWS credentials found: set AWS_PROFILE/);
    expect(lines[1]).toMatch(/have expired/);
    expect(lines[2]).toMatch(/AWS rejected the credentials \(InvalidClientTokenId\)/);
    expect(lines[3]).toMatch(/Cannot reach AWS STS in eu-west-1/);
    expect(lines[4]).toBe('Cannot check the AWS credentials: something odd.');
    for (const line of lines) expect(line).not.toMatch(/\n|\s+at\s/);
  });

  it('returns the identity, or throws a CredentialsError', async () => {
    await expect(
      checkCredentials(async () => ({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci' }), 'us-east-1'),
    ).resolves.toEqual({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/ci',
    });
    await expect(
      checkCredentials(
        () => Promise.reject(awsError('CredentialsProviderError', 'Could not load credentials from any providers')),
        'us-east-1',
      ),
    ).rejects.toThrow(CredentialsError);
  });

  it('`pnpm run deploy` without credentials stops before sls deploy with that one line (real credential chain, no network)', async () => {
    const { rootDir } = readStackConfig();
    const home = await mkdtemp(join(tmpdir(), 'wildrydes-nohome-'));
    // A checked package of one valid resource: the credentials come after the template check.
    const dir = await fakePackage({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });
    try {
      const result = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(rootDir, 'packages/infra/src/cli.ts'), 'deploy', '--stage', 'dev', '--package', dir],
        {
          cwd: rootDir,
          // Nothing to find: no variables, an empty home (no ~/.aws), no instance metadata.
          env: { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' },
          timeout: 30_000,
        },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^template checked against CloudFormation's schemas: 1 resources/),
        expect.stringMatching(/^error: No AWS credentials found: set AWS_PROFILE/),
      ]);
    } finally {
      await rm(home, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    }
  });
});
