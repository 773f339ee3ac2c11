import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One command a recording client was sent: its name, its input and the abort signal it came with. */
export interface SentCommand {
  command: string;
  input: Record<string, unknown>;
  abortSignal: unknown;
}

/**
 * A document client that records each command it is sent and answers from `answers`, by the
 * command's name (a throwing answer is a failed call). Unit tests of the DynamoDB stores only.
 */
export function recordingClient(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const sent: SentCommand[] = [];
  const client = {
    send: async (command: { input: Record<string, unknown> }, options?: { abortSignal?: AbortSignal }) => {
      const name = command.constructor.name;
      sent.push({ command: name, input: command.input, abortSignal: options?.abortSignal });
      const answer = answers[name];
      if (!answer) throw new Error(`No answer for ${name}`);
      return answer(command.input);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, sent };
}
