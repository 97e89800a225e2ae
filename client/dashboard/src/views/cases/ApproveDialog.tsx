// 审批: the finance officer names the fund that pays, seeing what each fund holds.
import { useState } from 'react';
import { DashboardCasePayingOrgsDocument, type SignedInViewer } from '../../../../sdk';
import { useQuery } from '../../api';
import { describeError } from '../../errors';
import { formatYuan } from '../../format';
import { CASE_STATUS, ORG_LEVEL } from '../../terms';
import { CaseSummary } from './CaseSummary';
import { Dialog } from './Dialog';
import { fenOf } from '../../money';
import { defaultPayingOrg, payingOrgChoices } from './payingOrgs';
import type { CaseRow } from './types';

export function ApproveDialog(props: {
  row: CaseRow;
  viewer: SignedInViewer;
  working: boolean;
  onConfirm: (payingOrgId: string) => void;
  onCancel: () => void;
}) {
  const { viewer } = props;
  const { data, error, loading } = useQuery(DashboardCasePayingOrgsDocument, { id: props.row.id });
  const [picked, setPicked] = useState<string>();
  const found = data?.assistanceCase;
  const choices = found ? payingOrgChoices(viewer, found.worker.org) : [];
  const chosen = picked ?? defaultPayingOrg(viewer, choices);
  const stillApplied = found?.status === 'APPLIED';
  return (
    <Dialog
      title="审批帮扶申请"
      confirmLabel="确认审批"
      confirmDisabled={!stillApplied || !chosen}
      working={props.working}
      onConfirm={() => chosen && props.onConfirm(chosen)}
      onCancel={props.onCancel}
    >
      <CaseSummary row={props.row} />
      {loading && <p className="muted">正在读取可付款的组织…</p>}
      {error && <p className="error">{describeError(error)}</p>}
      {data && !found && <p className="error">找不到该案件，或不在您的管辖范围内。</p>}
      {found && !stillApplied && <p className="error">该申请已是「{CASE_STATUS[found.status]}」，不再待审批；请刷新列表。</p>}
      {stillApplied && choices.length === 0 && <p className="error">您的权限范围内没有可为该职工付款的工会经费。</p>}
      {stillApplied && choices.length > 0 && (
        <fieldset className="paying-orgs">
          <legend>付款单位（从其工会经费中支付）</legend>
          {choices.map((org) => {
            const short = fenOf(org.fundBalance) < fenOf(props.row.amount);
            return (
              <label key={org.id} className={chosen === org.id ? 'chosen' : undefined}>
                <input
                  type="radio"
                  name="payingOrg"
                  value={org.id}
                  data-testid={`paying-org-${org.code}`}
                  checked={chosen === org.id}
                  onChange={() => setPicked(org.id)}
                />
                <span className="org-name">{org.name}</span>
                <span className="tag">{ORG_LEVEL[org.level]}</span>
                <span className={short ? 'balance short' : 'balance'}>
                  余额 {formatYuan(org.fundBalance)} 元{short && '（不足）'}
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
    </Dialog>
  );
}
