import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * What one GraphQL document may ask for (graphql-armor). Chosen for this schema: the deepest
 * operation in client/ (OrgRollup: org, rollup, byChild, workers, hardship, byCause and its
 * fields) is 7 deep and costs 770; the longest (WorkersWithCases) is about 430 tokens; none uses
 * an alias or a directive. Each limit leaves room for a dashboard's operations and refuses what
 * only an attacker sends; tests/query-limits.test.ts checks that every operation in client/
 * passes and that one step past each limit is refused. Fragments count as the fields they hold.
 */
export const QUERY_LIMITS = {
  depth: 10,
  aliases: 15,
  directives: 10,
  tokens: 2_000,
  cost: 2_000,
} as const;

/** The armor's validation rules and plugins, field suggestions ("Did you mean …?") removed. */
export function queryArmor() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.aliases },
    maxDirectives: { n: QUERY_LIMITS.directives },
    maxTokens: { n: QUERY_LIMITS.tokens },
    costLimit: { maxCost: QUERY_LIMITS.cost, flattenFragments: true },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** The reason a document was refused by one of the limits, from the armor's message. */
export function limitReason(message: string): string | null {
  const match = /\b(depth|aliases|directives|token|cost) limit of \d+ exceeded/i.exec(message);
  if (!match) return null;
  const reasons: Record<string, string> = {
    depth: 'QUERY_TOO_DEEP',
    aliases: 'TOO_MANY_ALIASES',
    directives: 'TOO_MANY_DIRECTIVES',
    token: 'TOO_MANY_TOKENS',
    cost: 'QUERY_TOO_COSTLY',
  };
  return reasons[match[1]!.toLowerCase()]!;
}
