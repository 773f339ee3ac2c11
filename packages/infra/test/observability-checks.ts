import { createRequire } from 'node:module';
import { METRIC } from '@wildrydes/functions/metrics';
import { expect, it } from 'vitest';
import { resourcesOfType, type Template } from '../src';

/**
 * What every stage's template must hold for the team on call (docs/operations.md): a dashboard
 * reading real metrics and, where the stage turns alarms on, every alarm, each reaching the
 * notification param. Registered by the dev, prod and HTTP API template tests.
 */
// The stage plugin's module is CommonJS (the framework loads it with require).
const { NAMESPACE, SERVICE } = createRequire(import.meta.url)('../serverless/observability.cjs') as { NAMESPACE: string; SERVICE: string };

export interface ObservabilityExpectations {
  stage: string;
  api: 'rest' | 'http';
  /** The email the stage's topic sends to, when alarms are on. */
  alarmEmail?: string;
}

type Dimension = { Name: string; Value: unknown };
type MetricRef = { Namespace: string; MetricName: string; Dimensions: Dimension[] };
type AlarmProps = Partial<MetricRef> & {
  AlarmActions: unknown[];
  OKActions: unknown[];
  Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: MetricRef } }[];
};

/** Every metric an alarm reads: its own, or those of its metric-math expression. */
const metricsOf = (alarm: AlarmProps): MetricRef[] =>
  alarm.Metrics ? alarm.Metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : [])) : [alarm as MetricRef];

export const ALARMS = [
  'AlarmApiServerErrors',
  'AlarmApiLatencyP99',
  'AlarmNoUnicornRate',
  'AlarmTokenRefusals',
  'AlarmTransientErrors',
  'AlarmDynamoDbThrottles',
  'AlarmFunctionErrors1',
  'AlarmFunctionErrors2',
  'AlarmFunctionThrottles1',
  'AlarmFunctionThrottles2',
];

export function registerObservabilityChecks(expected: ObservabilityExpectations, template: () => Template): void {
  const alarms = () =>
    Object.fromEntries(resourcesOfType(template(), 'AWS::CloudWatch::Alarm').map(([id, r]) => [id, r.Properties as AlarmProps]));
  const functions = () =>
    resourcesOfType(template(), 'AWS::Lambda::Function')
      .map(([id]) => id)
      .filter((id) => !id.startsWith('Custom'));

  it('has every function write its metrics where the alarms and the dashboard read them (serverless.yml repeats the names)', () => {
    for (const id of functions()) {
      const env = (template().Resources[id]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env, id).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: NAMESPACE,
        POWERTOOLS_SERVICE_NAME: SERVICE,
        STAGE: expected.stage,
        // docs/operations.md: 1% of invocations also log at debug level.
        POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
      });
    }
  });

  it('has a dashboard of rides, errors, latency, dispatch, pushes and token refusals, reading only metrics the functions write', () => {
    const [[, dashboard] = []] = resourcesOfType(template(), 'AWS::CloudWatch::Dashboard');
    expect(dashboard?.Properties?.DashboardName).toBe(`wildrydes-${expected.stage}`);
    const [body, refs] = (dashboard!.Properties!.DashboardBody as { 'Fn::Sub': [string, Record<string, unknown>] })['Fn::Sub'];
    const parsed = JSON.parse(body) as { widgets: { properties: { title: string; metrics: unknown[][] } }[] };
    expect(parsed.widgets.map((w) => w.properties.title)).toEqual([
      'Rides per minute',
      'Errors per minute',
      'Latency (ms)',
      'Dispatch',
      'Fleet: free and busy unicorns',
      'Live pushes per minute',
      'Tokens refused, by reason',
    ]);
    for (const metric of parsed.widgets.flatMap((w) => w.properties.metrics)) {
      if (metric[0] !== 'WildRydes') continue;
      expect(Object.keys(METRIC)).toContain(metric[1]);
      expect(metric.slice(2, 6)).toEqual(['service', 'wildrydes', 'stage', expected.stage]);
    }
    // Every placeholder resolves: a function of this template, the HTTP API, or the region.
    for (const [, name] of body.matchAll(/\$\{([^}]+)\}/g)) {
      if (name === 'AWS::Region') continue;
      expect(refs[name!], name).toEqual({ Ref: name });
      expect(template().Resources[name!], name).toBeDefined();
    }
    const errors = parsed.widgets
      .find((w) => w.properties.title === 'Errors per minute')!
      .properties.metrics.filter((m) => m[0] === 'AWS/Lambda')
      .map((m) => m[3]);
    expect(errors.sort()).toEqual(
      functions()
        .map((id) => `\${${id}}`)
        .sort(),
    );
  });

  if (!expected.alarmEmail) {
    it('has no alarms (the stage leaves them off)', () => {
      expect(alarms()).toEqual({});
    });
    return;
  }

  it('alarms on API 5xx and p99 latency, function errors and throttles, DynamoDB throttling, 503s, the no-unicorn rate and token refusals, each notifying the stage’s topic', () => {
    expect(Object.keys(alarms()).sort()).toEqual([...ALARMS].sort());
    expect(template().Resources.AlarmEmail?.Properties).toEqual({
      TopicArn: { Ref: 'AlarmTopic' },
      Protocol: 'email',
      Endpoint: expected.alarmEmail,
    });
    for (const [id, alarm] of Object.entries(alarms())) {
      expect(alarm.AlarmActions, id).toEqual([{ Ref: 'AlarmTopic' }]);
      expect(alarm.OKActions, id).toEqual([{ Ref: 'AlarmTopic' }]);
    }
  });

  it('reads real metrics: the functions’ own (by name and stage), every function’s, the request path’s tables, and this API', () => {
    const all = Object.values(alarms()).flatMap(metricsOf);
    for (const metric of all.filter((m) => m.Namespace === 'WildRydes')) {
      expect(Object.keys(METRIC)).toContain(metric.MetricName);
      expect(metric.Dimensions).toEqual([
        { Name: 'service', Value: 'wildrydes' },
        { Name: 'stage', Value: expected.stage },
      ]);
    }
    for (const kind of ['Errors', 'Throttles']) {
      const covered = all
        .filter((m) => m.Namespace === 'AWS/Lambda' && m.MetricName === kind)
        .map((m) => (m.Dimensions[0]!.Value as { Ref: string }).Ref);
      expect(covered.sort(), kind).toEqual(functions().sort());
    }
    for (const m of all.filter((m) => m.Namespace === 'AWS/DynamoDB')) {
      expect(template().Resources[(m.Dimensions[0]!.Value as { Ref: string }).Ref]?.Type).toBe('AWS::DynamoDB::Table');
    }
    const api = all.filter((m) => m.Namespace === 'AWS/ApiGateway');
    expect(api.map((m) => m.MetricName).sort()).toEqual(expected.api === 'http' ? ['5xx', 'Latency'] : ['5XXError', 'Latency']);
    for (const m of api) {
      expect(m.Dimensions).toEqual(
        expected.api === 'http'
          ? [
              { Name: 'ApiId', Value: { Ref: 'HttpApi' } },
              { Name: 'Stage', Value: '$default' },
            ]
          : [
              { Name: 'ApiName', Value: template().Resources.ApiGatewayRestApi!.Properties!.Name },
              { Name: 'Stage', Value: expected.stage },
            ],
      );
    }
  });

  it('sets the thresholds from the stage’s params', () => {
    const a = alarms() as Record<string, AlarmProps & { Threshold: number }>;
    expect(a.AlarmApiServerErrors!.Threshold).toBe(0.01);
    expect(a.AlarmApiLatencyP99!.Threshold).toBe(3000);
    expect(a.AlarmNoUnicornRate!.Threshold).toBe(0.2);
    expect(a.AlarmTokenRefusals!.Threshold).toBe(100);
    expect(a.AlarmTransientErrors!.Threshold).toBe(5);
  });
}
