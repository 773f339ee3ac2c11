import { formatProblems, type Problem } from '../template-check';

/** The steps of `pnpm run deploy`, given from outside so the order can be tested without AWS. */
export interface DeploySteps {
  /** `sls package` into a folder of its own: offline, without credentials. */
  packageService(): Promise<{ dir: string; template: unknown; cleanup(): Promise<void> }>;
  /** The template check; `summary` says what it looked at. */
  check(template: unknown): Promise<{ problems: Problem[]; summary: string }>;
  /** The first AWS call (STS). */
  ensureCredentials(): Promise<void>;
  /** `sls deploy --package <dir>`: sends that very package; its exit code. */
  deploy(packageDir: string): Promise<number>;
  say(line: string): void;
}

/**
 * Package, check, then deploy the package that was checked. Packaging apart from the deploy is what
 * lets the check see the template before anything reaches AWS (the framework's own `sls deploy`
 * would package and upload in one go); `--package` makes the deploy send those files unchanged, so
 * packaging still happens once. A problem stops it with one line each, before any AWS call.
 */
export async function checkedDeploy(steps: DeploySteps): Promise<number> {
  const packaged = await steps.packageService();
  try {
    const { problems, summary } = await steps.check(packaged.template);
    for (const line of formatProblems(problems)) steps.say(line);
    const errors = problems.filter((p) => p.severity === 'error').length;
    if (errors > 0) {
      steps.say(`the template has ${errors} problem${errors > 1 ? 's' : ''} CloudFormation would refuse: nothing was sent to AWS`);
      return 1;
    }
    steps.say(summary);
    await steps.ensureCredentials();
    return await steps.deploy(packaged.dir);
  } finally {
    await packaged.cleanup();
  }
}
