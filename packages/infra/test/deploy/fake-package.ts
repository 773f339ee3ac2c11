import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A package folder as `sls package --package <dir>` leaves it, reduced to what the deploy reads
 * first (serverless-state.json with the compiled template), so CLI tests need not package for real.
 */
export async function fakePackage(template: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wildrydes-fake-package-'));
  await writeFile(
    join(dir, 'serverless-state.json'),
    JSON.stringify({ service: { provider: { compiledCloudFormationTemplate: template } } }),
  );
  return dir;
}
