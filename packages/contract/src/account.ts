import * as z from 'zod/mini';

/** The answer to `DELETE /me`: the account is gone, with how many rides went with it. */
export const AccountDeletion = z.object({
  Deleted: z.literal(true),
  DeletedRides: z.number(),
});
export type AccountDeletion = z.infer<typeof AccountDeletion>;
