// The three decisions on a case and what came of them: the server's answer replaces the row,
// a refusal stays beside it. A payment keeps its idempotency key while its outcome is unknown
// (no answer came), so that paying again repeats the same payment instead of making a second one.
import { useCallback, useRef, useState } from 'react';
import {
  DashboardApproveCaseDocument,
  DashboardDisburseCaseDocument,
  DashboardRejectCaseDocument,
  type GonghuiError,
} from '../../../../sdk';
import { api, asGonghuiError } from '../../api';
import { outcomeUnknown } from './reasons';
import type { CaseRow } from './types';

// How far along the workflow a status is: applied, then approved, then paid or rejected.
const STAGE: Record<CaseRow['status'], number> = { APPLIED: 0, APPROVED: 1, DISBURSED: 2, REJECTED: 2 };

export interface Decisions {
  /** The case as the server answered a decision taken here, while the list still shows it as before. */
  answerFor(listed: CaseRow): CaseRow | undefined;
  errors: ReadonlyMap<string, GonghuiError>;
  busy: ReadonlySet<string>;
  /** Cases whose last payment got no answer: paying again reuses its key. */
  unsettled: ReadonlySet<string>;
  approve(row: CaseRow, payingOrgId: string): Promise<boolean>;
  reject(row: CaseRow, reason: string): Promise<boolean>;
  disburse(row: CaseRow): Promise<boolean>;
  /** Forgets refusals (the list is read again). */
  clear(): void;
}

export function useDecisions(): Decisions {
  const [answers, setAnswers] = useState<ReadonlyMap<string, CaseRow>>(new Map());
  const [errors, setErrors] = useState<ReadonlyMap<string, GonghuiError>>(new Map());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [unsettled, setUnsettled] = useState<ReadonlySet<string>>(new Set());
  const paymentKeys = useRef(new Map<string, string>());

  const run = useCallback(async (caseId: string, decide: () => Promise<CaseRow>, afterFailure?: (error: GonghuiError) => void) => {
    setBusy((current) => new Set(current).add(caseId));
    setErrors((current) => without(current, caseId));
    try {
      const answer = await decide();
      setAnswers((current) => new Map(current).set(caseId, answer));
      return true;
    } catch (thrown) {
      const error = asGonghuiError(thrown);
      afterFailure?.(error);
      setErrors((current) => new Map(current).set(caseId, error));
      return false;
    } finally {
      setBusy((current) => {
        const next = new Set(current);
        next.delete(caseId);
        return next;
      });
    }
  }, []);

  const approve = useCallback(
    (row: CaseRow, payingOrgId: string) =>
      run(row.id, async () => (await api.request(DashboardApproveCaseDocument, { caseId: row.id, payingOrgId })).approveAssistance),
    [run],
  );

  const reject = useCallback(
    (row: CaseRow, reason: string) =>
      run(row.id, async () => (await api.request(DashboardRejectCaseDocument, { caseId: row.id, reason })).rejectAssistance),
    [run],
  );

  const disburse = useCallback(
    async (row: CaseRow) => {
      const caseId = row.id;
      const keys = paymentKeys.current;
      const idempotencyKey = keys.get(caseId) ?? crypto.randomUUID();
      keys.set(caseId, idempotencyKey);
      const settle = (open: boolean) => {
        setUnsettled((current) => {
          const next = new Set(current);
          if (open) next.add(caseId);
          else next.delete(caseId);
          return next;
        });
      };
      const paid = await run(
        caseId,
        async () => (await api.request(DashboardDisburseCaseDocument, { caseId, idempotencyKey })).disburseAssistance,
        (error) => {
          // A refusal is final for this key (the server keeps it and would repeat it): the next click starts afresh.
          if (outcomeUnknown(error)) return settle(true);
          keys.delete(caseId);
          settle(false);
        },
      );
      if (paid) {
        keys.delete(caseId);
        settle(false);
      }
      return paid;
    },
    [run],
  );

  const clear = useCallback(() => setErrors(new Map()), []);

  // A case only moves forward: an answer further along than the list is newer than the list's
  // read; once the list was read again past it, the list is the newer word.
  const answerFor = useCallback(
    (listed: CaseRow) => {
      const answer = answers.get(listed.id);
      return answer && STAGE[answer.status] > STAGE[listed.status] ? answer : undefined;
    },
    [answers],
  );

  return { answerFor, errors, busy, unsettled, approve, reject, disburse, clear };
}

function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
