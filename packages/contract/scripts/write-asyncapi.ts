// Writes asyncapi.json from the contract's live schemas. `pnpm --filter @wildrydes/contract asyncapi`;
// a test fails while the committed file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { asyncApiDocument } from '../src/asyncapi';

const path = new URL('../asyncapi.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
