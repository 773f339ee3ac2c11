import { getAttTarget, intrinsicName, isRecord, PSEUDO_PARAMETERS, subNames } from './intrinsics';
import { didYouMean, error, type Problem } from './problems';
import type { Schemas } from './schema';
import type { CfnTemplate } from './template';

/** Custom resources return whatever attributes their function sends: any name may be read. */
export const isCustomType = (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';

/**
 * Checks that every `Ref`, `Fn::GetAtt` (attribute included), `Fn::Sub` name, `DependsOn` and
 * condition name in the template points at something it defines (or a pseudo parameter).
 */
export function checkReferences(template: CfnTemplate, schemas: Schemas, tally: { references: number }): Problem[] {
  const resources = isRecord(template.Resources) ? template.Resources : {};
  const parameters = new Set(isRecord(template.Parameters) ? Object.keys(template.Parameters) : []);
  const conditions = new Set(isRecord(template.Conditions) ? Object.keys(template.Conditions) : []);
  const resourceIds = Object.keys(resources);
  const refTargets = [...resourceIds, ...parameters, ...PSEUDO_PARAMETERS];
  const problems: Problem[] = [];

  const typeOf = (id: string): string | undefined => {
    const resource = resources[id];
    return isRecord(resource) && typeof resource.Type === 'string' ? resource.Type : undefined;
  };

  const checkRef = (name: string, at: string, kind: 'ref' | 'sub') => {
    tally.references++;
    if (!(name in resources) && !parameters.has(name) && !PSEUDO_PARAMETERS.has(name)) {
      problems.push(
        error(
          kind,
          at,
          `${kind === 'ref' ? 'Ref' : 'Fn::Sub'} names ${name}, which is no resource, parameter or pseudo parameter${didYouMean(name, refTargets)}`,
        ),
      );
    }
  };

  const checkAttribute = (resource: string, attribute: unknown, at: string, kind: 'get-att' | 'sub') => {
    tally.references++;
    const what = kind === 'sub' ? 'Fn::Sub' : 'Fn::GetAtt';
    if (!(resource in resources)) {
      problems.push(error(kind, at, `${what} reads ${resource}, which is no resource${didYouMean(resource, resourceIds)}`));
      return;
    }
    if (typeof attribute !== 'string') return; // computed (e.g. a Ref): known at deploy time
    const type = typeOf(resource);
    if (!type || isCustomType(type)) return;
    if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) return;
    const schema = schemas.resource(type);
    if (!schema) return; // the unknown type is reported by itself
    if (!(attribute in schema.attributes)) {
      problems.push(
        error(
          kind,
          at,
          `${what} reads ${resource}.${attribute}, but ${type} has no attribute ${attribute}${didYouMean(attribute, Object.keys(schema.attributes))}`,
        ),
      );
    }
  };

  const checkCondition = (name: unknown, at: string) => {
    tally.references++;
    if (typeof name !== 'string' || !conditions.has(name)) {
      problems.push(
        error(
          'condition',
          at,
          `condition ${String(name)} is not defined in Conditions${typeof name === 'string' ? didYouMean(name, conditions) : ''}`,
        ),
      );
    }
  };

  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      for (const [i, element] of value.entries()) walk(element, `${at}[${i}]`);
      return;
    }
    if (!isRecord(value)) return;
    const fn = intrinsicName(value);
    const argument = fn ? value[fn] : undefined;
    switch (fn) {
      case 'Ref':
        if (typeof argument === 'string') checkRef(argument, at, 'ref');
        else walk(argument, `${at}.Ref`);
        return;
      case 'Fn::GetAtt': {
        const { resource, attribute } = getAttTarget(argument);
        if (typeof resource === 'string') checkAttribute(resource, attribute, at, 'get-att');
        else problems.push(error('get-att', at, 'Fn::GetAtt needs a resource name: ["Resource", "Attribute"]'));
        if (typeof attribute !== 'string') walk(attribute, `${at}.Fn::GetAtt[1]`);
        return;
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(argument) ? argument : [argument, undefined];
        const local = isRecord(vars) ? vars : {};
        if (typeof text === 'string') {
          for (const name of subNames(text)) {
            if (name in local) continue;
            const dot = name.indexOf('.');
            if (dot > 0) checkAttribute(name.slice(0, dot), name.slice(dot + 1), at, 'sub');
            else checkRef(name, at, 'sub');
          }
        }
        walk(local, `${at}.Fn::Sub[1]`);
        return;
      }
      case 'Fn::If': {
        const [condition, ...branches] = Array.isArray(argument) ? argument : [];
        checkCondition(condition, at);
        for (const [i, branch] of branches.entries()) walk(branch, `${at}.Fn::If[${i + 1}]`);
        return;
      }
      case 'Condition':
        checkCondition(argument, at);
        return;
      default:
        for (const [key, child] of Object.entries(value)) walk(child, `${at}.${key}`);
    }
  };

  for (const [id, resource] of Object.entries(resources)) {
    if (!isRecord(resource)) continue;
    const at = `Resources.${id}`;
    const dependsOn = resource.DependsOn;
    for (const target of dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn : [dependsOn]) {
      tally.references++;
      if (target === id) problems.push(error('depends-on', `${at}.DependsOn`, 'a resource cannot depend on itself'));
      else if (typeof target !== 'string' || !(target in resources)) {
        problems.push(
          error(
            'depends-on',
            `${at}.DependsOn`,
            `DependsOn names ${String(target)}, which is no resource${typeof target === 'string' ? didYouMean(target, resourceIds) : ''}`,
          ),
        );
      }
    }
    if (resource.Condition !== undefined) checkCondition(resource.Condition, `${at}.Condition`);
    for (const [key, child] of Object.entries(resource)) if (key !== 'DependsOn' && key !== 'Condition') walk(child, `${at}.${key}`);
  }
  for (const [id, output] of Object.entries(isRecord(template.Outputs) ? template.Outputs : {})) {
    if (!isRecord(output)) continue;
    if (output.Condition !== undefined) checkCondition(output.Condition, `Outputs.${id}.Condition`);
    for (const [key, child] of Object.entries(output)) if (key !== 'Condition') walk(child, `Outputs.${id}.${key}`);
  }
  for (const [id, condition] of Object.entries(isRecord(template.Conditions) ? template.Conditions : {}))
    walk(condition, `Conditions.${id}`);
  return problems;
}
