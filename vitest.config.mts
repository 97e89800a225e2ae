import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql for everything: type-graphql's ESM build would otherwise load graphql's
  // ESM files while Apollo loads its CommonJS ones, and the two do not recognise each other's types.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Each file gets its own database from a migrated template; two files at a time fit 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
    server: { deps: { inline: ['type-graphql'] } },
    // The tests' data-encryption key (server/config.ts dataKey): the test servers, the fixtures
    // that write workers directly and the migrations all read it from here.
    env: { DATA_ENCRYPTION_KEY: '7465737420646174612d656e6372797074696f6e206b6579206f6620676f6e67' },
  },
});
