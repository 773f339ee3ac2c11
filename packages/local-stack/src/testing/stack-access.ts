/**
 * The local stack the tests run against, found through stack.json (written by the root test
 * command or `pnpm stack`), and clients of its DynamoDB Local and cognito-local: localhost only.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readStackConfig } from '../config';
import { readStackFile, type StackDescription } from '../stack-file';

/** The stack's configuration (ports, folders, table names), from the environment the stack gives its tests (stackEnv). */
export const config = readStackConfig();

let stackPromise: Promise<StackDescription> | undefined;
export const readStack = () => (stackPromise ??= readStackFile(config.localDir));

/** DynamoDB Local and cognito-local check no signature, but the SDK wants something to sign with. */
export const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let clients: { idp: CognitoIdentityProviderClient; ddb: DynamoDBDocumentClient } | undefined;
/** One cognito-local and one DynamoDB Local client for the whole test file. */
export async function localClients() {
  if (clients) return clients;
  const stack = await readStack();
  clients = {
    idp: new CognitoIdentityProviderClient({ region: stack.cognito.region, endpoint: stack.cognito.endpoint, credentials }),
    ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: stack.dynamodb.region, endpoint: stack.dynamodb.endpoint, credentials })),
  };
  return clients;
}
