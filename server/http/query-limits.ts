import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationRule } from 'graphql';

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

/**
 * The armor's validation rules and plugins, field suggestions ("Did you mean …?") removed, and
 * Apollo's parse options. The token limit is graphql-js's own, applied while it parses: the
 * armor's counts in a plugin of its own, where a syntax error or a document nested past the
 * stack became an internal error (HTTP 500) instead of GRAPHQL_PARSE_FAILED.
 */
export function queryArmor() {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.depth, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.aliases },
    maxDirectives: { n: QUERY_LIMITS.directives },
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.cost, flattenFragments: true },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { ...armor, validationRules: [...armor.validationRules, noSubscriptions], parseOptions: { maxTokens: QUERY_LIMITS.tokens } };
}

/** The schema has no subscriptions: refused while validating, as any other document it cannot run. */
const noSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription')
      context.reportError(new GraphQLError('This API has no subscriptions: send a query or a mutation.', { nodes: node }));
  },
});

/** A refusal's message in the words of the other limits ("Token limit of 2000 exceeded."). */
export function limitMessage(message: string): string {
  const tokens = /^(?:Syntax Error: )?Document contains more tha[nt] (\d+) tokens/.exec(message);
  return tokens
    ? `Token limit of ${tokens[1]} exceeded: the document holds more tokens than that.`
    : message.replace(/^Syntax Error: /, '');
}

/** The reason a document was refused by one of the limits, from the armor's message. */
export function limitReason(message: string): string | null {
  // graphql-js words its own token limit "Document contains more that N tokens" (sic).
  if (/^(Syntax Error: )?Document contains more tha[nt] \d+ tokens/.test(message)) return 'TOO_MANY_TOKENS';
  const match = /\b(depth|aliases|directives|cost) limit of \d+ exceeded/i.exec(message);
  if (!match) return null;
  const reasons: Record<string, string> = {
    depth: 'QUERY_TOO_DEEP',
    aliases: 'TOO_MANY_ALIASES',
    directives: 'TOO_MANY_DIRECTIVES',
    cost: 'QUERY_TOO_COSTLY',
  };
  return reasons[match[1]!.toLowerCase()]!;
}
