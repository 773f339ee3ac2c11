// Stops `pnpm dev` / `pnpm test` with one line when the Node.js on PATH is older than the one in
// .node-version. Plain JavaScript that any Node runs, so the message reaches old versions too.
import { readFileSync } from 'node:fs';

const wanted = Number(
  readFileSync(new URL('../.node-version', import.meta.url), 'utf8')
    .trim()
    .split('.')[0],
);
const running = Number(process.versions.node.split('.')[0]);
if (running < wanted) {
  console.error(
    `WildRydes runs on Node.js ${wanted}, this is ${process.version}. On Linux (x64, arm64) \`pnpm install\` brings it into ` +
      `node_modules/.bin; elsewhere install Node.js ${wanted} (nvm, fnm and Volta read .node-version) and run the command again.`,
  );
  process.exit(1);
}
