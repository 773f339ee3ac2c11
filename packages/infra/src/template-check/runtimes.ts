import { error, type Problem, warning } from './problems';

/**
 * Lambda's managed runtimes and the day AWS deprecates each (after which it soon blocks creating,
 * then updating, functions that use it), after the Lambda developer guide's "Supported runtimes"
 * and "Deprecated runtimes" tables; last updated here 2026-12-03, from copies of those tables (this
 * machine cannot reach AWS's pages: compare with them when next online). `null`: no date announced.
 * The one place to update when AWS announces a new runtime or date.
 */
export const LAMBDA_RUNTIMES: Readonly<Record<string, string | null>> = {
  'nodejs24.x': '2028-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs20.x': '2026-04-30',
  'nodejs18.x': '2025-09-01',
  'nodejs16.x': '2024-06-12',
  'nodejs14.x': '2023-12-04',
  'nodejs12.x': '2023-03-31',
  'nodejs10.x': '2021-07-30',
  'python3.14': '2029-06-30',
  'python3.13': '2029-06-30',
  'python3.12': '2028-10-31',
  'python3.11': '2026-06-30',
  'python3.10': '2026-06-30',
  'python3.9': '2025-12-15',
  'python3.8': '2024-10-14',
  'python3.7': '2023-12-04',
  java25: '2029-06-30',
  java21: '2029-06-30',
  java17: '2026-06-30',
  java11: '2026-06-30',
  'java8.al2': '2026-06-30',
  java8: '2024-01-08',
  dotnet10: '2028-11-14',
  dotnet8: '2026-11-10',
  dotnet6: '2024-12-20',
  'ruby3.4': '2028-03-31',
  'ruby3.3': '2027-03-31',
  'ruby3.2': '2026-03-31',
  'provided.al2023': '2029-06-30',
  'provided.al2': '2026-06-30',
  provided: '2024-01-08',
  'go1.x': '2024-01-08',
};

/** How long before a runtime's deprecation the check starts warning. */
export const RUNTIME_WARNING_DAYS = 180;

const DAY_MS = 86_400_000;

/** A function's runtime: unknown (a typo, or a runtime newer than the list) and deprecated are errors; soon deprecated, a warning. */
export function checkRuntime(runtime: string, at: string, today: Date, runtimes = LAMBDA_RUNTIMES): Problem[] {
  if (!(runtime in runtimes)) {
    return [
      error(
        'runtime',
        at,
        `${runtime} is not a Lambda runtime (if AWS added it since, add it to LAMBDA_RUNTIMES in packages/infra/src/template-check/runtimes.ts)`,
      ),
    ];
  }
  const date = runtimes[runtime];
  if (!date) return [];
  const days = Math.ceil((Date.parse(`${date}T00:00:00Z`) - today.getTime()) / DAY_MS);
  if (days <= 0)
    return [error('runtime', at, `${runtime} was deprecated on ${date}: move to a supported runtime (provider.runtime in serverless.yml)`)];
  if (days <= RUNTIME_WARNING_DAYS)
    return [warning('runtime', at, `${runtime} is deprecated on ${date}, in ${days} days: plan the move to a newer runtime`)];
  return [];
}
