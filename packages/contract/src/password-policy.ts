/**
 * What a rider's password must have, in the user pool's own terms (Cognito's PasswordPolicy), and
 * zod-free so the web app can check a password as it is typed. The local pool is created with it
 * (local-stack bootstrap.ts); serverless.yml must repeat it for AWS, and the template tests prove
 * both stages' pools have it.
 */
export const PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireLowercase: true,
  RequireUppercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
} as const;
