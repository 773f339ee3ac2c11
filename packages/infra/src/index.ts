export { packageService, resourcesOfType, type Template, type Packaged } from './package-service';
export { parseArgs, slsArgs, stackName, UsageError, type DeployArgs } from './deploy/args';
export { checkCredentials, describeCredentialsError, CredentialsError } from './deploy/credentials';
export {
  webConfigFromOutputs,
  webConfigFromEnv,
  envFromOutputs,
  mapFromEnv,
  CONFIG_ENV,
  REQUIRED_OUTPUTS,
  DEFAULT_MAP,
  ConfigError,
  type WebConfig,
} from './deploy/web-config';
