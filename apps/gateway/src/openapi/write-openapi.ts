/**
 * `npm run openapi:write`: regenerates docs/openapi.json from the controllers (the unit test
 * `openapi.spec.ts` fails while the committed copy differs).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateOpenApiDocument, serialiseOpenApi } from './generate';

const target = path.resolve(process.cwd(), 'docs/openapi.json');

generateOpenApiDocument()
  .then((doc) => {
    writeFileSync(target, serialiseOpenApi(doc));
    console.log(`wrote ${path.relative(process.cwd(), target)} (${Object.keys(doc.paths).length} paths)`);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
