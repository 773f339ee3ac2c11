import { describe, expect, it } from 'vitest';
import { type StackDescription, webConfigFor } from '../src/stack-file';

const stack: StackDescription = {
  api: { url: 'http://localhost:3000' },
  websocket: { url: 'ws://localhost:3001' },
  cognito: { endpoint: 'http://localhost:9229', region: 'us-east-1', userPoolId: 'local_abc', userPoolClientId: 'client1' },
  dynamodb: { endpoint: 'http://localhost:8000', region: 'us-east-1', ridesTable: 'wildrydes-local-rides' },
};

describe('webConfigFor', () => {
  it('points the web app at the local API and pool, with the password flow cognito-local supports', () => {
    expect(webConfigFor(stack, 'dev')).toMatchObject({
      cognito: {
        userPoolId: 'local_abc',
        userPoolClientId: 'client1',
        region: 'us-east-1',
        endpoint: 'http://localhost:9229',
        authFlow: 'USER_PASSWORD_AUTH',
      },
      api: { invokeUrl: 'http://localhost:3000' },
      websocket: { url: 'ws://localhost:3001' },
    });
  });

  it('keeps the test profile offline (no tile server at all) and lets dev show the real map', () => {
    expect(webConfigFor(stack, 'test').map).toEqual({ center: [47.6062, -122.3321], zoom: 13, offline: true });
    const dev = webConfigFor(stack, 'dev').map;
    expect(dev).not.toHaveProperty('offline');
    expect(dev).not.toHaveProperty('tileUrl'); // the web app's default: OpenStreetMap, with its fallback
  });
});
