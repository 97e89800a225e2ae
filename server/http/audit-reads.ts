import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { requestScope } from './observability';

/**
 * Writes the audit entries of the personal data a request showed unmasked before its answer
 * leaves (server/audit/personal-reads.ts). When they cannot be written, the answer is withheld:
 * the reader gets an internal error instead of data nobody would know they saw.
 */
export const auditPersonalDataReads: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, operation }) {
        const { caller, personalReads, db } = contextValue;
        if (!caller || personalReads.size === 0) return;
        try {
          await personalReads.flush(db.manager, caller.userId);
        } catch (error) {
          const scope = requestScope.getStore();
          scope?.log.error({ err: error }, 'could not audit the personal data a request read; the answer was withheld');
          if (response.body.kind === 'single') {
            response.body.singleResult = {
              errors: [
                {
                  // A mutation's change is committed by now: say so, lest the client send it again.
                  message:
                    operation?.operation === 'mutation'
                      ? 'Your change was saved, but its answer could not be shown; it has been logged under the request id.'
                      : 'Something went wrong on our side; it has been logged under the request id.',
                  extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: scope?.id },
                },
              ],
            };
          }
          response.http.status = 500;
        }
      },
    };
  },
};
