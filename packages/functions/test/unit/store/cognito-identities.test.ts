import { AdminDeleteUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCognitoIdentities } from '../../../src/store/cognito-identities';

const identities = () => createCognitoIdentities('us-east-1', 'pool-1', 'http://localhost:9229', 1000);
const failWith = (name: string) =>
  vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockRejectedValue(Object.assign(new Error(name), { name }) as never);

describe('the Cognito identities', () => {
  afterEach(() => vi.restoreAllMocks());

  it('delete the rider’s user from this pool, with the request’s abort signal', async () => {
    const send = vi.spyOn(CognitoIdentityProviderClient.prototype, 'send').mockResolvedValue({} as never);
    const signal = new AbortController().signal;
    await identities().deleteUser('ann', signal);
    const [command, options] = send.mock.calls[0] as unknown as [AdminDeleteUserCommand, { abortSignal: AbortSignal }];
    expect(command).toBeInstanceOf(AdminDeleteUserCommand);
    expect(command.input).toEqual({ UserPoolId: 'pool-1', Username: 'ann' });
    expect(options.abortSignal).toBe(signal);
  });

  it('count a user already gone as deleted, so a deletion cut off half-way can be asked again', async () => {
    failWith('UserNotFoundException');
    await expect(identities().deleteUser('ann')).resolves.toBeUndefined();
  });

  it('let any other failure through', async () => {
    failWith('TooManyRequestsException');
    await expect(identities().deleteUser('ann')).rejects.toThrow('TooManyRequestsException');
  });
});
