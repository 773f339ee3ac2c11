import { describe, expect, it } from 'vitest';
import { type StackDescription, webConfigFor } from '../src/stack-file';

const stack: StackDescription = {
  api: { url: 'http://localhost:3000' },
  cognito: { endpoint: 'http://localhost:9229', region: 'us-east-1', userPoolId: 'local_abc', userPoolClientId: 'client1' },
  dynamodb: { endpoint: 'http://localhost:8000', region: 'us-east-1', ridesTable: 'wildrydes-local-rides' },
};

describe('webConfigFor', () => {
  it('points the web app at the local API and pool, with the password flow cognito-local supports', () => {
    expect(webConfigFor(stack)).toMatchObject({
      cognito: {
        userPoolId: 'local_abc',
        userPoolClientId: 'client1',
        region: 'us-east-1',
        endpoint: 'http://localhost:9229',
        authFlow: 'USER_PASSWORD_AUTH',
      },
      api: { invokeUrl: 'http://localhost:3000' },
      map: { tileUrl: expect.stringMatching(/^\//) },
    });
  });
});
