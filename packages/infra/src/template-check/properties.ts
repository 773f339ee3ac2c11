import { intrinsicName, isRecord } from './intrinsics';
import { didYouMean, error, type Problem } from './problems';
import type { ObjectSchema, PropertySchema, Schemas, SpecType } from './schema';

/** Counts what was looked at, so a test can tell a thorough check from a vacuous one. */
export interface Tally {
  properties: number;
}

/**
 * Checks an object of properties (a resource's `Properties` or a nested property type) against its
 * schema: every name known, every required one present, every literal value of its type. Values that
 * are intrinsic functions are only known at deploy time and are not type-checked.
 */
export function checkProperties(
  owner: ObjectSchema,
  ownerLabel: string,
  value: unknown,
  at: string,
  schemas: Schemas,
  tally: Tally,
): Problem[] {
  if (intrinsicName(value)) return [];
  if (!isRecord(value)) return [error('wrong-type', at, `${ownerLabel} takes an object of properties (got ${describe(value)})`)];
  const problems: Problem[] = [];
  for (const [name, propertyValue] of Object.entries(value)) {
    tally.properties++;
    const property = owner.properties[name];
    if (!property) {
      problems.push(
        error(
          'unknown-property',
          `${at}.${name}`,
          `${ownerLabel} has no property ${name}${didYouMean(name, Object.keys(owner.properties))}`,
        ),
      );
      continue;
    }
    problems.push(...checkValue(propertyValue, candidates(property), `${at}.${name}`, schemas, tally));
  }
  for (const [name, property] of Object.entries(owner.properties)) {
    if (property.required && !(name in value)) problems.push(error('missing-property', at, `${ownerLabel} requires ${name}`));
  }
  return problems;
}

/** The types a value may have: the current one, or one the property had before; unions flattened. */
function candidates(property: PropertySchema): SpecType[] {
  const flat = (type: SpecType): SpecType[] => (type.type === 'union' ? type.types.flatMap(flat) : [type]);
  return [property.type, ...(property.previousTypes ?? [])].flatMap(flat);
}

function checkValue(value: unknown, types: SpecType[], at: string, schemas: Schemas, tally: Tally): Problem[] {
  if (intrinsicName(value)) return [];
  let fitting = types.filter((type) => fitsShape(value, type));
  // Schemas write "a list of X, or any object" as [array of X, json]: a list is checked as the list.
  if (Array.isArray(value) && fitting.some((type) => type.type === 'array')) fitting = fitting.filter((type) => type.type !== 'json');
  let best: Problem[] | undefined;
  for (const type of fitting) {
    // A scratch tally: an alternative that is not taken must not count its properties twice.
    const scratch: Tally = { properties: 0 };
    const problems = checkOne(value, type, at, schemas, scratch);
    if (problems.length === 0) {
      tally.properties += scratch.properties;
      return [];
    }
    if (!best || problems.length < best.length) best = problems;
  }
  // The same type may be listed twice (current and previous): name it once.
  const names = [...new Set(types.map((t) => expected(t, schemas)))];
  return best ?? [error('wrong-type', at, `expected ${names.join(' or ')} (got ${describe(value)})`)];
}

/** Whether a literal is of the type's kind. CloudFormation converts scalars: "512" is a number, 512 a string. */
function fitsShape(value: unknown, type: SpecType): boolean {
  switch (type.type) {
    case 'string':
    case 'date-time':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    case 'number':
      return (
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      );
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value.trim()));
    case 'boolean':
      return typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value));
    case 'json':
      return value !== null; // a policy document, or the same as a JSON string
    case 'null':
      return value === null;
    case 'tag':
    case 'ref':
    case 'map':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'union':
      return type.types.some((t) => fitsShape(value, t));
  }
}

function checkOne(value: unknown, type: SpecType, at: string, schemas: Schemas, tally: Tally): Problem[] {
  switch (type.type) {
    case 'ref': {
      const nested = schemas.propertyType(type.reference.$ref);
      return nested ? checkProperties(nested, nested.name, value, at, schemas, tally) : [];
    }
    case 'tag':
      return checkProperties(TAG, 'a tag', value, at, schemas, tally);
    case 'array':
      return (value as unknown[]).flatMap((element, i) => checkValue(element, [type.element], `${at}[${i}]`, schemas, tally));
    case 'map':
      return Object.entries(value as Record<string, unknown>).flatMap(([key, element]) =>
        checkValue(element, [type.element], `${at}.${key}`, schemas, tally),
      );
    case 'union':
      return checkValue(value, type.types, at, schemas, tally);
    default:
      return [];
  }
}

const TAG: ObjectSchema = {
  name: 'Tag',
  properties: { Key: { type: { type: 'string' }, required: true }, Value: { type: { type: 'string' }, required: true } },
};

function expected(type: SpecType, schemas: Schemas): string {
  switch (type.type) {
    case 'ref':
      return `an object (${schemas.propertyType(type.reference.$ref)?.name ?? 'property type'})`;
    case 'array':
      return `a list of ${expected(type.element, schemas).replace(/^an? /, '')}s`;
    case 'map':
      return 'a map';
    case 'tag':
      return 'a tag ({Key, Value})';
    case 'integer':
      return 'an integer';
    case 'json':
      return 'JSON';
    case 'union':
      return type.types.map((t) => expected(t, schemas)).join(' or ');
    default:
      return `a ${type.type}`;
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
