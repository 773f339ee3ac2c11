// Writes openapi.json from the contract's schemas. `pnpm --filter @wildrydes/contract openapi`;
// a test fails while the committed file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../src/openapi';

const path = new URL('../openapi.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
