import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000|\\u0000/;

/** PostgreSQL cannot store the NUL character: refuse text holding one before any resolver runs. */
export const rejectNulCharacters: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        if (NUL.test(request.query ?? '') || NUL.test(JSON.stringify(request.variables ?? {}))) {
          throw new GraphQLError('Text may not contain the NUL character (\\u0000).', {
            // Thrown from a plugin, Apollo would answer 500 unless told the status.
            extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', http: { status: 400 } },
          });
        }
      },
    };
  },
};
