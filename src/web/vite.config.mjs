// Builds the explorer into dist/web, which src/http/use-web-routes.ts serves.
// Plain Vite with Oxc's JSX transform set to Preact: no Babel, no plugin.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const schemaDir = fileURLToPath(new URL('../../schema/', import.meta.url));

/**
 * The values of the API's enums the explorer offers as choices (matrix axes, measures, goal-link
 * reach), read from the SDL at build time: the public contract is their one source, so a new axis
 * appears in the explorer without a second list to keep in step (src/web/src/api/api-enums.ts).
 */
function apiEnums(names) {
  const values = Object.fromEntries(names.map((name) => [name, []]));
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith('.graphql'))) {
    for (const definition of parse(readFileSync(schemaDir + file, 'utf8')).definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value in values)
        values[definition.name.value].push(...(definition.values ?? []).map((value) => value.name.value));
    }
  }
  for (const name of names) if (values[name].length === 0) throw new Error(`schema/ defines no enum ${name}, which the explorer offers.`);
  return values;
}

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { __API_ENUMS__: JSON.stringify(apiEnums(['MatrixAxis', 'MatrixMeasure', 'GoalLinkReach'])) },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Sizes are checked by test/web (every page under 300 kB of gzipped script).
    chunkSizeWarningLimit: 1000,
    reportCompressedSize: false,
  },
});
