export { type DeployArgs, parseArgs, slsArgs, stackName, UsageError } from './deploy/args';
export { CredentialsError, checkCredentials, describeCredentialsError } from './deploy/credentials';
export {
  CONFIG_ENV,
  ConfigError,
  DEFAULT_MAP,
  envFromOutputs,
  mapFromEnv,
  REQUIRED_OUTPUTS,
  type WebConfig,
  webConfigFromEnv,
  webConfigFromOutputs,
} from './deploy/web-config';
export { type Packaged, packageService, resourcesOfType, type Template, templateToDeploy } from './package-service';
export { type CheckReport, cfnSchemas, checkTemplate, formatProblems, type Problem } from './template-check';
