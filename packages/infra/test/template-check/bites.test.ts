import { beforeAll, describe, expect, it } from 'vitest';
import { cfnSchemas, checkTemplate, formatProblems, type Schemas } from '../../src/template-check';
import { MISTAKES, TODAY, templateWithMistakes } from './fixtures';

let schemas: Schemas;
beforeAll(async () => {
  ({ schemas } = await cfnSchemas());
});

describe('the template check bites', () => {
  it('reports each of one mistake of every kind, where it is, and nothing else', () => {
    const { problems } = checkTemplate(templateWithMistakes(), schemas, { today: TODAY });
    const found = problems.map((p) => [p.severity, p.kind, p.at]);
    expect(found.map(String).sort()).toEqual(MISTAKES.map(String).sort());
  });

  it('says what is wrong and, for a typo, what was meant, one line each', () => {
    const lines = formatProblems(checkTemplate(templateWithMistakes(), schemas, { today: TODAY }).problems);
    expect(lines).toEqual(
      expect.arrayContaining([
        'error: Output: not a template section (did you mean Outputs?)',
        'error: Resources.Rides-Table: a logical id has only letters and digits',
        'error: Resources.Rides-Table.DependOn: not a resource attribute (did you mean DependsOn?)',
        'error: Resources.Queue.Type: AWS::SQS::Queu is not a CloudFormation resource type (did you mean AWS::SQS::Queue?)',
        'error: Resources.Rides-Table.Properties.BillingMod: AWS::DynamoDB::Table has no property BillingMod (did you mean BillingMode?)',
        'error: Resources.Function.Properties.Environment.Variable: Environment has no property Variable (did you mean Variables?)',
        'error: Resources.Function.Properties: AWS::Lambda::Function requires Role',
        'error: Resources.Function.Properties.MemorySize: expected an integer (got "lots")',
        'error: Resources.Function.Properties.Layers: expected a list of strings (got "arn:aws:lambda:us-east-1:123456789012:la…")',
        'error: Resources.Function.Properties.Description: Ref names Tabel, which is no resource, parameter or pseudo parameter',
        'error: Resources.Function.Properties.KmsKeyArn: Fn::GetAtt reads Rides-Table.Arm, but AWS::DynamoDB::Table has no attribute Arm (did you mean Arn?)',
        'error: Resources.Function.Properties.Handler: Fn::Sub names Nowhere, which is no resource, parameter or pseudo parameter',
        'error: Resources.Function.Properties.Handler: Fn::Sub reads Function.Arnn, but AWS::Lambda::Function has no attribute Arnn (did you mean Arn?)',
        'error: Resources.Function.DependsOn: DependsOn names Nothing, which is no resource',
        'error: Resources.Function.Properties.Timeout: condition IsProd is not defined in Conditions',
        'error: Resources.Old.Properties.Runtime: nodejs18.x was deprecated on 2025-09-01: move to a supported runtime (provider.runtime in serverless.yml)',
        'warning: Resources.Soon.Properties.Runtime: nodejs22.x is deprecated on 2027-04-30, in 119 days: plan the move to a newer runtime',
      ]),
    );
    expect(lines.at(-1)).toMatch(/^warning: /); // errors first
  });
});
