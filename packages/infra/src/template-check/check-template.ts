import { intrinsicName, isRecord } from './intrinsics';
import { didYouMean, error, type Problem } from './problems';
import { checkProperties, describe, type Tally } from './properties';
import { checkReferences, isCustomType } from './references';
import { checkRuntime } from './runtimes';
import type { Schemas } from './schema';
import { type CfnTemplate, DELETION_POLICIES, RESOURCE_KEYS, TEMPLATE_SECTIONS } from './template';

export interface CheckReport {
  problems: Problem[];
  /** What was looked at: a check that found nothing because it saw nothing would show zeros here. */
  checked: { resources: number; properties: number; references: number };
}

/**
 * Checks a CloudFormation template against CloudFormation's resource schemas: sections, logical ids,
 * resource types, property names (nested too), required properties, literal types, references and
 * Lambda runtimes. Pure: the schemas come in (see cfn-spec.ts), `today` dates the runtime check.
 */
export function checkTemplate(template: unknown, schemas: Schemas, { today = new Date() }: { today?: Date } = {}): CheckReport {
  const checked = { resources: 0, properties: 0, references: 0 };
  if (!isRecord(template)) return { problems: [error('template-section', '(template)', 'a template is a JSON object')], checked };
  const t: CfnTemplate = template;
  const problems: Problem[] = [];

  for (const section of Object.keys(t)) {
    if (!TEMPLATE_SECTIONS.has(section)) {
      problems.push(error('template-section', section, `not a template section${didYouMean(section, TEMPLATE_SECTIONS)}`));
    }
  }
  if (!isRecord(t.Resources) || Object.keys(t.Resources).length === 0) {
    problems.push(error('template-section', 'Resources', 'a template needs at least one resource'));
  }

  const tally: Tally = { properties: 0 };
  for (const [id, resource] of Object.entries(isRecord(t.Resources) ? t.Resources : {})) {
    checked.resources++;
    problems.push(...checkResource(id, resource, schemas, tally, today));
  }
  checked.properties = tally.properties;
  problems.push(...checkReferences(t, schemas, checked));
  return { problems, checked };
}

function checkResource(id: string, resource: unknown, schemas: Schemas, tally: Tally, today: Date): Problem[] {
  const at = `Resources.${id}`;
  const problems: Problem[] = [];
  if (!/^[A-Za-z0-9]{1,255}$/.test(id)) problems.push(error('logical-id', at, 'a logical id has only letters and digits'));
  if (!isRecord(resource)) return [...problems, error('resource-key', at, `a resource is an object (got ${describe(resource)})`)];

  for (const key of Object.keys(resource)) {
    if (!RESOURCE_KEYS.has(key))
      problems.push(error('resource-key', `${at}.${key}`, `not a resource attribute${didYouMean(key, RESOURCE_KEYS)}`));
  }
  for (const key of ['DeletionPolicy', 'UpdateReplacePolicy']) {
    const policy = resource[key];
    if (policy !== undefined && !intrinsicName(policy) && !(typeof policy === 'string' && DELETION_POLICIES.has(policy))) {
      problems.push(error('wrong-type', `${at}.${key}`, `expected one of ${[...DELETION_POLICIES].join(', ')} (got ${describe(policy)})`));
    }
  }

  const type = resource.Type;
  if (typeof type !== 'string') return [...problems, error('resource-type', `${at}.Type`, 'every resource needs a Type')];
  const properties = resource.Properties ?? {};
  if (isCustomType(type)) {
    // Its properties go to its own function: only the function's ARN is CloudFormation's business.
    if (isRecord(properties) && !('ServiceToken' in properties))
      problems.push(error('missing-property', `${at}.Properties`, `${type} requires ServiceToken`));
    return problems;
  }
  const schema = schemas.resource(type);
  if (!schema) {
    return [
      ...problems,
      error('resource-type', `${at}.Type`, `${type} is not a CloudFormation resource type${didYouMean(type, schemas.resourceTypes())}`),
    ];
  }
  problems.push(...checkProperties(schema, type, properties, `${at}.Properties`, schemas, tally));
  if (type === 'AWS::Lambda::Function' && isRecord(properties) && typeof properties.Runtime === 'string') {
    problems.push(...checkRuntime(properties.Runtime, `${at}.Properties.Runtime`, today));
  }
  return problems;
}
