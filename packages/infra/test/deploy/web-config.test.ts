import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAP, envFromOutputs, webConfigFromEnv, webConfigFromOutputs } from '../../src/deploy/web-config';

const outputs = {
  ApiUrl: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/',
  UserPoolId: 'eu-west-1_AbCdEf123',
  UserPoolClientId: '1h57kf5cpq17m0eml12EXAMPLE'.toLowerCase(),
  Region: 'eu-west-1',
  ServiceEndpoint: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod',
};

describe('stack outputs → config.json', () => {
  it('maps the outputs to the web app’s runtime config, SRP sign-in and the default map', () => {
    expect(webConfigFromOutputs(outputs)).toEqual({
      cognito: {
        userPoolId: 'eu-west-1_AbCdEf123',
        userPoolClientId: outputs.UserPoolClientId,
        region: 'eu-west-1',
        authFlow: 'USER_SRP_AUTH',
      },
      api: { invokeUrl: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod' },
      map: DEFAULT_MAP,
    });
  });

  it('carries the live WebSocket URL when the stack has one (wss only), and polls without it', () => {
    const LiveUrl = 'wss://w5s6t7u8v9.execute-api.eu-west-1.amazonaws.com/prod';
    expect(webConfigFromOutputs({ ...outputs, LiveUrl }).websocket).toEqual({ url: LiveUrl });
    expect(webConfigFromOutputs(outputs)).not.toHaveProperty('websocket');
    expect(() => webConfigFromOutputs({ ...outputs, LiveUrl: 'ws://insecure.example.com/prod' })).toThrow(
      /output LiveUrl .* must be a wss:\/\/ URL/,
    );
    expect(webConfigFromEnv(envFromOutputs({ ...outputs, LiveUrl }))).toEqual(webConfigFromOutputs({ ...outputs, LiveUrl }));
  });

  it('takes map settings from the environment', () => {
    const config = webConfigFromOutputs(outputs, {
      WILDRYDES_MAP_TILE_URL: 'https://tiles.example.com/{z}/{x}/{y}.png',
      WILDRYDES_MAP_CENTER: '51.5, -0.12',
      WILDRYDES_MAP_ZOOM: '11',
    });
    expect(config.map).toEqual({ tileUrl: 'https://tiles.example.com/{z}/{x}/{y}.png', attribution: '', center: [51.5, -0.12], zoom: 11 });
    expect(() => webConfigFromOutputs(outputs, { WILDRYDES_MAP_CENTER: '95,0' })).toThrow(/latitude,longitude/);
    expect(() => webConfigFromOutputs(outputs, { WILDRYDES_MAP_TILE_URL: 'http://insecure/{z}' })).toThrow(/https/);
  });

  it('names missing outputs, and outputs that do not fit together', () => {
    expect(() => webConfigFromOutputs({ ...outputs, ApiUrl: undefined, Region: '' })).toThrow(/no ApiUrl, Region outputs/);
    expect(() => webConfigFromOutputs({ ...outputs, Region: 'us-east-1' })).toThrow(/not in region us-east-1/);
    expect(() => webConfigFromOutputs({ ...outputs, ApiUrl: 'http://abc/prod' })).toThrow(ConfigError);
    expect(() => webConfigFromOutputs({ ...outputs, UserPoolClientId: 'x' })).toThrow(/not an app client id/);
  });

  it('turns outputs into the WILDRYDES_* variables an Amplify branch sets, and back', () => {
    const env = envFromOutputs(outputs);
    expect(env).toEqual({
      WILDRYDES_USER_POOL_ID: 'eu-west-1_AbCdEf123',
      WILDRYDES_USER_POOL_CLIENT_ID: outputs.UserPoolClientId,
      WILDRYDES_REGION: 'eu-west-1',
      WILDRYDES_API_URL: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod',
    });
    expect(webConfigFromEnv(env)).toEqual(webConfigFromOutputs(outputs));
  });

  it('writes nothing without the variables, and refuses half of them', () => {
    expect(webConfigFromEnv({})).toBeUndefined();
    expect(() => webConfigFromEnv({ WILDRYDES_USER_POOL_ID: 'eu-west-1_AbCdEf123' })).toThrow(
      /set WILDRYDES_USER_POOL_CLIENT_ID, WILDRYDES_REGION, WILDRYDES_API_URL too/,
    );
  });
});
