export { cfnSchemas } from './cfn-spec';
export { type CheckReport, checkTemplate } from './check-template';
export { formatProblems, type Problem, type ProblemKind } from './problems';
export { LAMBDA_RUNTIMES, RUNTIME_WARNING_DAYS } from './runtimes';
export type { Schemas } from './schema';
