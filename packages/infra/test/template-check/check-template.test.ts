import { beforeAll, describe, expect, it } from 'vitest';
import { cfnSchemas, checkTemplate, formatProblems, type Schemas } from '../../src/template-check';
import { validTemplate } from './fixtures';

let schemas: Schemas;
let loadMs: number;
beforeAll(async () => {
  ({ schemas, loadMs } = await cfnSchemas());
});

const TODAY = new Date('2026-12-01T00:00:00Z');
const lines = (template: unknown) => formatProblems(checkTemplate(template, schemas, { today: TODAY }).problems);

/** The valid template with one resource's properties changed. */
function withProperties(id: 'Table' | 'Function', change: (properties: Record<string, unknown>) => void) {
  const template = validTemplate();
  change(template.Resources[id].Properties as Record<string, unknown>);
  return template;
}

describe("CloudFormation's schemas (@aws-cdk/aws-service-spec)", () => {
  it('load once per process, offline', async () => {
    expect(await cfnSchemas()).toBe(await cfnSchemas());
    expect(loadMs).toBeGreaterThan(0);
    expect(schemas.resource('AWS::Lambda::Function')?.properties.Runtime).toBeDefined();
    expect(schemas.resource('AWS::Lambda::Function')?.attributes).toHaveProperty('Arn');
    expect(schemas.resourceTypes().length).toBeGreaterThan(1000);
    expect(schemas.propertyType('no such id')).toBeUndefined();
  });
});

describe('checkTemplate', () => {
  it('passes a valid template that uses intrinsics, converted scalars, conditions and a custom resource', () => {
    const report = checkTemplate(validTemplate(), schemas, { today: TODAY });
    expect(formatProblems(report.problems)).toEqual([]);
    expect(report.checked.resources).toBe(4);
    // Nested names count: AttributeDefinitions[0].AttributeName, Environment.Variables, …
    expect(report.checked.properties).toBeGreaterThan(20);
    expect(report.checked.references).toBeGreaterThan(10);
  });

  it('checks names in nested property types, lists of them and maps', () => {
    expect(lines(withProperties('Table', (p) => (p.KeySchema = [{ AttributeName: 'id', KeyTyp: 'HASH' }])))).toEqual([
      'error: Resources.Table.Properties.KeySchema[0].KeyTyp: KeySchema has no property KeyTyp (did you mean KeyType?)',
      'error: Resources.Table.Properties.KeySchema[0]: KeySchema requires KeyType',
    ]);
    expect(lines(withProperties('Table', (p) => (p.Tags = [{ Key: 'a', Valeu: 'b' }])))).toEqual([
      'error: Resources.Table.Properties.Tags[0].Valeu: a tag has no property Valeu (did you mean Value?)',
      'error: Resources.Table.Properties.Tags[0]: a tag requires Value',
    ]);
    expect(lines(withProperties('Function', (p) => (p.Environment = { Variables: { A: ['not', 'a', 'string'] } })))).toEqual([
      'error: Resources.Function.Properties.Environment.Variables.A: expected a string (got a list)',
    ]);
  });

  it('checks literal types, and leaves values only known at deploy time alone', () => {
    expect(lines(withProperties('Function', (p) => (p.Timeout = 12.5)))).toEqual([
      'error: Resources.Function.Properties.Timeout: expected an integer (got 12.5)',
    ]);
    expect(lines(withProperties('Function', (p) => (p.Environment = 'A=b')))).toEqual([
      'error: Resources.Function.Properties.Environment: expected an object (Environment) (got "A=b")',
    ]);
    expect(lines(withProperties('Table', (p) => (p.DeletionProtectionEnabled = 'yes')))).toEqual([
      'error: Resources.Table.Properties.DeletionProtectionEnabled: expected a boolean (got "yes")',
    ]);
    expect(lines(withProperties('Function', (p) => (p.Description = null)))).toEqual([
      'error: Resources.Function.Properties.Description: expected a string (got null)',
    ]);
    expect(lines(withProperties('Function', (p) => (p.Timeout = { 'Fn::Select': [0, [1, 2]] })))).toEqual([]);
    expect(
      lines(withProperties('Function', (p) => (p.Environment = { 'Fn::If': ['IsProd', { Variables: {} }, { Ref: 'AWS::NoValue' }] }))),
    ).toEqual([]);
  });

  it('finds required properties missing, and a resource with none at all', () => {
    const template = validTemplate() as { Resources: Record<string, unknown> };
    template.Resources.Bare = { Type: 'AWS::Lambda::Function' };
    expect(lines(template)).toEqual([
      'error: Resources.Bare.Properties: AWS::Lambda::Function requires Code',
      'error: Resources.Bare.Properties: AWS::Lambda::Function requires Role',
    ]);
  });

  it('asks a custom resource only for its ServiceToken', () => {
    const template = validTemplate();
    template.Resources.Setup.Properties = { Anything: 1 } as never;
    expect(lines(template)).toEqual(['error: Resources.Setup.Properties: Custom::Setup requires ServiceToken']);
  });

  it('checks every reference: Ref, Fn::GetAtt in both forms, Fn::Sub names, DependsOn, conditions, in outputs too', () => {
    const template = validTemplate() as ReturnType<typeof validTemplate> & { Outputs: Record<string, unknown> };
    template.Outputs.A = { Value: { 'Fn::GetAtt': 'Table.StreamArm' } };
    template.Outputs.B = { Value: { 'Fn::Sub': '${AWS::Regin}' } };
    template.Outputs.C = { Value: { 'Fn::GetAtt': ['Tabel', 'Arn'] } };
    template.Outputs.D = { Value: 'x', Condition: 'IsDev' };
    template.Resources.Function.DependsOn = ['Function'];
    expect(lines(template)).toEqual([
      'error: Resources.Function.DependsOn: a resource cannot depend on itself',
      'error: Outputs.A.Value: Fn::GetAtt reads Table.StreamArm, but AWS::DynamoDB::Table has no attribute StreamArm (did you mean StreamArn?)',
      'error: Outputs.B.Value: Fn::Sub names AWS::Regin, which is no resource, parameter or pseudo parameter (did you mean AWS::Region?)',
      'error: Outputs.C.Value: Fn::GetAtt reads Tabel, which is no resource (did you mean Table?)',
      'error: Outputs.D.Condition: condition IsDev is not defined in Conditions',
    ]);
  });

  it('checks resource attributes: deletion policies and the keys a resource may have', () => {
    const template = validTemplate() as { Resources: Record<string, Record<string, unknown>> };
    template.Resources.Table!.DeletionPolicy = 'Keep';
    template.Resources.Table!.Propertes = {};
    expect(lines(template)).toEqual([
      'error: Resources.Table.Propertes: not a resource attribute (did you mean Properties?)',
      'error: Resources.Table.DeletionPolicy: expected one of Delete, Retain, RetainExceptOnCreate, Snapshot (got "Keep")',
    ]);
  });

  it('refuses what is not a template', () => {
    expect(lines('nope')).toEqual(['error: (template): a template is a JSON object']);
    expect(lines({ Resources: {} })).toEqual(['error: Resources: a template needs at least one resource']);
  });
});
