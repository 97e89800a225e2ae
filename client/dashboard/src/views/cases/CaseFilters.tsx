// Which cases the queue shows: a status (the stage of the workflow) and a programme.
import type { AssistanceProgramme, AssistanceStatus } from '../../../../sdk';
import { PROGRAMME } from '../../terms';

export interface CaseFilter {
  status: AssistanceStatus | null;
  programme: AssistanceProgramme | null;
}

// The queue's stages as a finance office names them; 全部 last.
const STAGES: { status: AssistanceStatus | null; label: string }[] = [
  { status: 'APPLIED', label: '待审批' },
  { status: 'APPROVED', label: '待发放' },
  { status: 'DISBURSED', label: '已发放' },
  { status: 'REJECTED', label: '已驳回' },
  { status: null, label: '全部' },
];

const PROGRAMMES = Object.keys(PROGRAMME) as AssistanceProgramme[];

export function CaseFilters({ filter, onChange }: { filter: CaseFilter; onChange: (filter: CaseFilter) => void }) {
  return (
    <div className="case-filters">
      <div className="stages" role="tablist" aria-label="办理状态">
        {STAGES.map((stage) => (
          <button
            key={stage.status ?? 'ALL'}
            type="button"
            role="tab"
            aria-selected={filter.status === stage.status}
            className={filter.status === stage.status ? 'stage active' : 'stage'}
            data-testid={`status-${stage.status ?? 'ALL'}`}
            onClick={() => onChange({ ...filter, status: stage.status })}
          >
            {stage.label}
          </button>
        ))}
      </div>
      <label className="programme-filter">
        <span>帮扶项目</span>
        <select
          data-testid="programme-filter"
          value={filter.programme ?? ''}
          onChange={(event) => onChange({ ...filter, programme: (event.target.value || null) as AssistanceProgramme | null })}
        >
          <option value="">全部项目</option>
          {PROGRAMMES.map((programme) => (
            <option key={programme} value={programme}>
              {PROGRAMME[programme]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
