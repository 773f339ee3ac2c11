import document from '@wildrydes/contract/openapi.json';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { ANSWER_HEADERS } from '../http/response';

// Built once per container: the document is fixed at build time (committed, checked current in CI).
const body = JSON.stringify(document);

/** `GET /openapi.json`: the API's public OpenAPI 3.1 document; no token needed. */
export const handler = async (): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*', ...ANSWER_HEADERS },
  body,
});
