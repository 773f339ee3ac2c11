import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';
import { loadYaml } from '../src/deploy/aws';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string | boolean>;
  if?: string;
}
interface Job {
  needs?: string | string[];
  container?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}

const { rootDir } = readStackConfig();
const text = readFileSync(join(rootDir, '.github/workflows/deploy.yml'), 'utf8');
const workflow = loadYaml(rootDir, text) as {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

describe('.github/workflows/deploy.yml', () => {
  it('deploys pushes to main only after the full test suite passes in the CI container', () => {
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.jobs.test).toMatchObject({ container: 'node:24-bookworm' });
    expect(workflow.jobs.test!.steps.map((s) => s.run).filter(Boolean)).toEqual(['.ci/run']);
    expect(workflow.jobs.deploy!.needs).toBe('test');
  });

  it('assumes a role through OIDC: id-token only where it deploys, and no long-lived keys anywhere', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(workflow.jobs.deploy!.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    const credentials = workflow.jobs.deploy!.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with).toMatchObject({ 'role-to-assume': ['$', '{{ secrets.AWS_DEPLOY_ROLE_ARN }}'].join('') });
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/);
  });

  it('deploys with the wrapper (credentials check, config.json from outputs), then publishes the web build', () => {
    const runs = workflow.jobs.deploy!.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/pnpm run deploy -- "\$\{args\[@\]\}"/);
    expect(runs).toContain('--config-out');
    expect(runs).toContain('pnpm turbo run build --filter=@wildrydes/web');
    expect(runs).toMatch(/aws amplify start-job .*--job-type RELEASE/);
    const order = (needle: string) => workflow.jobs.deploy!.steps.findIndex((s) => (s.run ?? s.uses ?? '').includes(needle));
    expect(order('configure-aws-credentials')).toBeLessThan(order('pnpm run deploy'));
    expect(order('pnpm run deploy')).toBeLessThan(order('aws amplify'));
    // The web app is built before any AWS credentials exist in the job.
    expect(order('pnpm turbo run build --filter=@wildrydes/web')).toBeLessThan(order('configure-aws-credentials'));
  });

  it('deploys prod from main only', () => {
    expect((workflow.jobs.deploy as Job & { if?: string }).if).toBe(
      "(inputs.stage || 'prod') != 'prod' || github.ref == 'refs/heads/main'",
    );
  });
});

describe('every workflow', () => {
  const workflows = ['ci.yml', 'deploy.yml'].map((name) => {
    const source = readFileSync(join(rootDir, '.github/workflows', name), 'utf8');
    return { name, source, jobs: (loadYaml(rootDir, source) as { jobs: Record<string, Job> }).jobs };
  });

  it('pins every action by its full commit, with the tag it stands for in a comment', () => {
    for (const { name, source, jobs } of workflows) {
      const uses = Object.values(jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
      expect(uses.length, name).toBeGreaterThan(0);
      for (const action of uses) {
        expect(action, `${name}: ${action}`).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
        expect(source, `${name}: ${action}`).toMatch(new RegExp(`uses: ${action} # v\\d+\\.\\d+\\.\\d+\\n`));
      }
    }
  });

  it('leaves no GitHub token in the checkout for later steps', () => {
    for (const { name, jobs } of workflows) {
      for (const step of Object.values(jobs).flatMap((job) => job.steps)) {
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with, name).toMatchObject({ 'persist-credentials': false });
      }
    }
  });
});
