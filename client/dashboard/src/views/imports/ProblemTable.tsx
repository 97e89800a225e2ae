import { useState } from 'react';
import type { ImportView } from '../../../../sdk';
import { api, useLoad } from '../../api';
import { ErrorLine } from '../../components/ErrorLine';
import { Pager } from '../../components/Pager';
import { describeError } from '../../errors';
import { columnLabel, rowLabel } from './exportProblems';
import { ExportProblems } from './ExportProblems';

/** The server gives an import with its first 100 problems: the first page needs no request. */
const PAGE_SIZE = 100;

const loadPage = ({ id, page }: { id: string; page: number }) => api.imports.problems(id, { offset: page * PAGE_SIZE, limit: PAGE_SIZE });

/** 问题: by row and column, in the server's words, a page at a time; all of them as an .xlsx. */
export function ProblemTable({ view }: { view: ImportView }) {
  const [page, setPage] = useState(0);
  const given = page === 0 && view.problems.length === Math.min(view.problemCount, PAGE_SIZE);
  const { data, error, loading, reload } = useLoad(loadPage, { id: view.id, page }, { skip: given });
  const problems = given ? view.problems : data?.problems;
  const total = data?.total ?? view.problemCount;
  return (
    <div className="problems">
      <div className="problems-head">
        <h3>问题清单</h3>
        <span className="muted">按行号排列；“行”是 Excel 中的行号，改正后请保留表头行</span>
        <ExportProblems view={view} />
      </div>
      <Pager
        page={page}
        total={total}
        unit="处"
        pageSize={PAGE_SIZE}
        hasNext={(page + 1) * PAGE_SIZE < total}
        loading={loading}
        onPrevious={() => setPage((n) => Math.max(0, n - 1))}
        onNext={() => setPage((n) => n + 1)}
        testIds={{ previous: 'problems-previous', next: 'problems-next' }}
      />
      {error ? (
        <ErrorLine message={describeError(error)} onRetry={reload} />
      ) : (
        <div className={`table-scroll${loading ? ' dimmed' : ''}`}>
          <table className="data problems-table" data-testid="table-problems">
            <thead>
              <tr>
                <th className="num">行</th>
                <th>列</th>
                <th>填写的值</th>
                <th>问题</th>
              </tr>
            </thead>
            <tbody>
              {(problems ?? []).map((problem, i) => (
                <tr
                  key={`${page}-${i}`}
                  data-testid={`problem-${problem.row ?? 'file'}-${problem.column ?? 'all'}`}
                  data-code={problem.code}
                >
                  <td className="num">{rowLabel(problem)}</td>
                  <td>{columnLabel(problem)}</td>
                  <td className="value" title={problem.value ?? undefined}>
                    {problem.value ?? <span className="muted">—</span>}
                  </td>
                  <td className="message">{problem.message}</td>
                </tr>
              ))}
              {!problems && (
                <tr>
                  <td colSpan={4} className="muted loading-row">
                    加载中…
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
