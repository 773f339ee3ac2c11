import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readStackConfig } from '@wildrydes/local-stack';
import { describe, expect, it } from 'vitest';

const { rootDir } = readStackConfig();
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: rootDir, encoding: 'utf8' }).split('\0').filter(Boolean);

/** Patterns of credentials that must never be committed. */
const SECRETS: [string, RegExp][] = [
  ['an AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['an AWS secret access key', /aws_secret_access_key\s*[=:]\s*['"]?[A-Za-z0-9/+]{40}/i],
  ['a private key', /-----BEGIN (RSA |EC |OPENSSH |)PRIVATE KEY-----/],
  ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['a JWT', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
];

describe('the repository', () => {
  it('tracks files (the scan below is not vacuous)', () => {
    expect(tracked.length).toBeGreaterThan(50);
    expect(tracked).toContain('serverless.yml');
  });

  it.each(SECRETS)('holds no %s in any tracked file', (_what, pattern) => {
    const offenders = tracked.filter((file) => {
      const path = join(rootDir, file);
      try {
        if (statSync(path).size > 2_000_000) return false;
      } catch {
        return false; // deleted in the working tree
      }
      return pattern.test(readFileSync(path, 'latin1'));
    });
    expect(offenders).toEqual([]);
  });

  it('ignores the local stack’s state, where cognito-local keeps passwords in plain text', () => {
    expect(tracked.filter((file) => file.startsWith('.local/'))).toEqual([]);
    const ignored = execFileSync('git', ['check-ignore', '.local/cognito/.cognito/db/x.json'], { cwd: rootDir, encoding: 'utf8' });
    expect(ignored.trim()).toBe('.local/cognito/.cognito/db/x.json');
  });
});
