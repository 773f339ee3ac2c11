import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The stage plugin is CommonJS (the framework loads it with require).
const { checkSettings } = createRequire(import.meta.url)('../../serverless/wildrydes-stage.cjs') as {
  checkSettings: (stage: string, settings: Record<string, unknown>) => string[];
};

const dev = { webOrigin: '*', throttleRate: 20, throttleBurst: 40, tracing: 'false', api: 'rest' };

describe('the stage params the plugin checks before packaging', () => {
  it('accepts the defaults, and either kind of API', () => {
    expect(checkSettings('dev', dev)).toEqual([]);
    expect(checkSettings('dev', { ...dev, api: 'http' })).toEqual([]);
  });

  it('refuses another kind of API in one line naming the choices', () => {
    expect(checkSettings('dev', { ...dev, api: 'graphql' })).toEqual(['api must be rest or http (got "graphql")']);
  });

  it('refuses tracing on an HTTP API, which sends no traces to X-Ray', () => {
    expect(checkSettings('dev', { ...dev, api: 'http', tracing: 'true' })).toEqual([
      'tracing=true needs api=rest: HTTP APIs send no traces to X-Ray',
    ]);
  });

  it('refuses on any AWS stage what only the offline stack may use, naming each', () => {
    expect(
      checkSettings('prod', {
        ...dev,
        webOrigin: 'https://main.d1a2b3c4d5e6f7.amplifyapp.com',
        sesIdentityArn: 'arn:aws:ses:us-east-1:123456789012:identity/wildrydes.example.com',
        sesFrom: 'no-reply@wildrydes.example.com',
        cognitoEndpoint: 'http://localhost:9229',
        dynamodbEndpoint: 'http://localhost:8000',
        allowPasswordAuth: 'true',
      }),
    ).toEqual([
      'cognitoEndpoint is for the local stage only: AWS stages use the region\'s endpoints (got "http://localhost:9229")',
      'dynamodbEndpoint is for the local stage only: AWS stages use the region\'s endpoints (got "http://localhost:8000")',
      'allowPasswordAuth=true is for the local stage only: AWS stages sign in with SRP',
    ]);
    expect(checkSettings('dev', { ...dev, cognitoEndpoint: '', dynamodbEndpoint: '', allowPasswordAuth: 'false' })).toEqual([]);
  });

  it('refuses WAF on an HTTP API, and a concurrency that is not a whole number', () => {
    expect(checkSettings('dev', { ...dev, api: 'http', waf: 'true' })).toEqual(['waf=true needs api=rest: HTTP APIs take no AWS WAF']);
    expect(checkSettings('dev', { ...dev, waf: 'yes' })).toEqual(['waf must be true or false (got "yes")']);
    expect(checkSettings('dev', { ...dev, requestUnicornConcurrency: -1 })).toEqual([
      'requestUnicornConcurrency must be a whole number, 0 for none (got "-1")',
    ]);
  });

  it('takes a permissions boundary only as an IAM policy ARN', () => {
    expect(checkSettings('dev', { ...dev, permissionsBoundary: 'arn:aws:iam::123456789012:policy/wildrydes-boundary' })).toEqual([]);
    expect(checkSettings('dev', { ...dev, permissionsBoundary: 'wildrydes-boundary' })).toEqual([
      'permissionsBoundary must be an IAM policy ARN (got "wildrydes-boundary")',
    ]);
  });

  it('wants an SES identity for prod, and an address to send from with it', () => {
    const prod = { ...dev, webOrigin: 'https://main.d1a2b3c4d5e6f7.amplifyapp.com' };
    expect(checkSettings('prod', prod)).toEqual([
      'stage prod sends its emails through SES: add --param="sesIdentityArn=arn:aws:ses:<region>:<account>:identity/<domain>" and --param="sesFrom=no-reply@<domain>"',
    ]);
    const ses = 'arn:aws:ses:us-east-1:123456789012:identity/wildrydes.example.com';
    expect(checkSettings('prod', { ...prod, sesIdentityArn: ses, sesFrom: 'Wild Rydes <no-reply@wildrydes.example.com>' })).toEqual([]);
    expect(checkSettings('dev', { ...dev, sesIdentityArn: ses })).toEqual([
      'sesFrom must be the address to send from, e.g. "Wild Rydes <no-reply@example.com>"',
    ]);
    expect(checkSettings('dev', { ...dev, sesIdentityArn: 'example.com' })).toEqual([
      'sesIdentityArn must be an SES identity ARN (got "example.com")',
    ]);
  });

  it('wants somewhere to send alarms when they are on, and thresholds that make sense', () => {
    expect(checkSettings('dev', { ...dev, alarms: 'true' })).toEqual([
      'alarms=true needs somewhere to send them: add --param="alarmEmail=oncall@example.com" (or alarmTopicArn=<an SNS topic ARN>)',
    ]);
    expect(checkSettings('dev', { ...dev, alarms: 'true', alarmEmail: 'oncall@example.com' })).toEqual([]);
    expect(checkSettings('dev', { ...dev, alarms: 'true', alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:oncall' })).toEqual([]);
    expect(checkSettings('dev', { ...dev, alarms: 'yes' })).toEqual(['alarms must be true or false (got "yes")']);
    expect(checkSettings('dev', { ...dev, alarmEmail: 'oncall' })).toEqual(['alarmEmail must be an email address (got "oncall")']);
    expect(checkSettings('dev', { ...dev, alarmTopicArn: 'oncall' })).toEqual(['alarmTopicArn must be an SNS topic ARN (got "oncall")']);
    expect(checkSettings('dev', { ...dev, alarmServerErrorRate: 5, alarmLatencyP99Ms: 0 })).toEqual([
      'alarmServerErrorRate must be a number above 0 and at most 1 (got "5")',
      'alarmLatencyP99Ms must be a number above 0 (got "0")',
    ]);
  });
});
