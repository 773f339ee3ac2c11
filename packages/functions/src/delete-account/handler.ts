import { apiDeps } from '../http/api-runtime';
import { config, documentClient, rideTables } from '../runtime';
import { createCognitoIdentities } from '../store/cognito-identities';
import { createDynamoDbAccountStore } from '../store/dynamodb-account-store';
import { createDeleteAccountHandler } from './app';

export const handler = createDeleteAccountHandler({
  ...apiDeps,
  accounts: createDynamoDbAccountStore(documentClient, rideTables),
  identities: createCognitoIdentities(config.region, config.userPoolId, config.cognitoEndpoint, config.dynamodbTimeoutMs),
  now: () => new Date(),
});
