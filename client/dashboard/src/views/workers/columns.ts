// The worker list's columns, once: the table and the export share the headers and the text, so
// a downloaded list reads exactly as the screen did (masked numbers stay masked).
import type { DashboardWorkerRowFragment } from '../../../../sdk';
import { EDUCATION, EMPLOYMENT, GENDER, HARDSHIP_LEVEL } from '../../terms';

export type WorkerRow = DashboardWorkerRowFragment;

export interface WorkerColumn {
  header: string;
  text: (worker: WorkerRow) => string;
  /** Width in the spreadsheet, in characters. */
  width: number;
  /** How the table marks the cell: the name links to the archive, flags and hardship stand out. */
  mark?: 'name' | 'flag' | 'level';
}

const yesNo = (flag: boolean) => (flag ? '是' : '否');

export const WORKER_COLUMNS: WorkerColumn[] = [
  { header: '姓名', text: (w) => w.name, width: 10, mark: 'name' },
  { header: '性别', text: (w) => GENDER[w.gender], width: 6 },
  // Null when the role may not read it: the date would unmask the ID number.
  { header: '出生日期', text: (w) => w.birthDate ?? '—', width: 12 },
  { header: '身份证号', text: (w) => w.idNumber, width: 22 },
  { header: '手机', text: (w) => w.phone ?? '—', width: 14 },
  { header: '文化程度', text: (w) => EDUCATION[w.education], width: 10 },
  { header: '就业状况', text: (w) => EMPLOYMENT[w.employmentStatus], width: 10 },
  { header: '会员', text: (w) => yesNo(w.isMember), width: 6, mark: 'flag' },
  { header: '农民工', text: (w) => yesNo(w.isMigrantWorker), width: 8, mark: 'flag' },
  { header: '劳模', text: (w) => yesNo(w.isModelWorker), width: 6, mark: 'flag' },
  { header: '困难类别', text: (w) => HARDSHIP_LEVEL[w.hardshipLevel], width: 10, mark: 'level' },
  { header: '所在组织', text: (w) => w.org.name, width: 30 },
];
