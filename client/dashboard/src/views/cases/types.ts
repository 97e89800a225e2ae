import type { DashboardCaseFieldsFragment } from '../../../../sdk';

/** A case as a row of the queue shows it (client/operations/dashboard-cases.graphql). */
export type CaseRow = DashboardCaseFieldsFragment;

/** The decision a dialog is open for. */
export type Decision = 'approve' | 'reject' | 'disburse';
