// What a case is for, in one line: each programme has its own details (AssistanceCase's fields).
import { formatYuan } from '../../format';
import { FESTIVAL } from '../../terms';
import type { CaseRow } from './types';

type Details = Pick<
  CaseRow,
  'programme' | 'festival' | 'year' | 'cash' | 'inKindValue' | 'goods' | 'studentName' | 'school' | 'illness' | 'course' | 'reemployed'
>;

export function caseDetails(row: Details): string {
  switch (row.programme) {
    case 'WARMTH': {
      const visit = row.festival ? `${row.year ?? ''}年${FESTIVAL[row.festival]}` : '';
      const cash = row.cash !== null && row.cash !== '0.00' ? `现金 ${formatYuan(row.cash)}` : '';
      const goods =
        row.inKindValue !== null && row.inKindValue !== '0.00'
          ? `实物 ${formatYuan(row.inKindValue)}${row.goods ? `（${row.goods}）` : ''}`
          : '';
      return [visit, [cash, goods].filter(Boolean).join(' + ')].filter(Boolean).join(' · ');
    }
    case 'EDUCATION':
      // The student's name is personal data: null for FINANCE and VIEWER.
      return [row.school, row.studentName && `学生 ${row.studentName}`, row.year !== null && `${row.year} 学年`]
        .filter(Boolean)
        .join(' · ');
    case 'MEDICAL':
      return row.illness ?? '病情属个人信息';
    case 'SKILLS':
    case 'EMPLOYMENT': {
      const outcome = row.reemployed === null ? '' : row.reemployed ? '已再就业' : '未再就业';
      return [row.course, outcome].filter(Boolean).join(' · ');
    }
    case 'LIVING':
    case 'LEGAL':
      return '';
  }
}
