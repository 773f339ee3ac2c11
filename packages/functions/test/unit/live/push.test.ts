import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { LIVE_PROTOCOL_VERSION } from '@wildrydes/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPush } from '../../../src/live/push';

const message = { type: 'error', version: LIVE_PROTOCOL_VERSION, message: 'zoom in' } as const;
const push = () => createPush('http://localhost:3001', 'us-east-1');
const send = () => vi.spyOn(ApiGatewayManagementApiClient.prototype, 'send');

describe('a push to one connection', () => {
  afterEach(() => vi.restoreAllMocks());

  it('posts the message as JSON to that connection', async () => {
    const sent = send().mockResolvedValue({} as never);
    expect(await push()('c1', message)).toBe('sent');
    const [command] = sent.mock.calls[0] as unknown as [PostToConnectionCommand];
    expect(command).toBeInstanceOf(PostToConnectionCommand);
    expect(command.input.ConnectionId).toBe('c1');
    expect(JSON.parse(new TextDecoder().decode(command.input.Data as Uint8Array))).toEqual(message);
  });

  it('is `gone` for a connection API Gateway no longer knows (410), however the SDK reports it', async () => {
    send().mockRejectedValueOnce(new GoneException({ message: 'Gone', $metadata: { httpStatusCode: 410 } }) as never);
    expect(await push()('c1', message)).toBe('gone');
    send().mockRejectedValueOnce(Object.assign(new Error('UnknownError'), { $metadata: { httpStatusCode: 410 } }) as never);
    expect(await push()('c1', message)).toBe('gone');
  });

  it('fails on anything else: the connection may still be there', async () => {
    send().mockRejectedValue(Object.assign(new Error('socket hang up'), { $metadata: { httpStatusCode: 500 } }) as never);
    await expect(push()('c1', message)).rejects.toThrow('socket hang up');
  });
});
