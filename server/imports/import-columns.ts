import { HardshipCause } from '../hardship/hardship-enums';
import { checkCharacter } from '../worker/id-number';
import { Education, EmploymentStatus, Gender } from '../worker/worker-enums';

// The columns of the two spreadsheets staff upload, with the Chinese headers they already use.
// A header is matched after dropping spaces and brackets' contents, so "家庭月收入（元）" and
// "家庭月收入" are the same column; the aliases are the names seen in rosters kept by hand.

export type ImportKind = 'WORKERS' | 'ARCHIVES';

export interface ColumnOption {
  value: string;
  /** The label in the template's list. */
  label: string;
  /** Other spellings accepted on upload. */
  aliases: string[];
}

export type CellKind =
  'orgCode' | 'name' | 'idNumber' | 'gender' | 'date' | 'choice' | 'boolean' | 'phone' | 'householdSize' | 'money' | 'causes' | 'text';

export interface ImportColumn {
  key: string;
  header: string;
  aliases: string[];
  kind: CellKind;
  /** A row without this value is wrong. */
  required: boolean;
  /** Personal data that the API masks for VIEWER and FINANCE: a problem shows the cell's digits masked. */
  personal?: boolean;
  /** For free text: the most characters kept. */
  maxLength?: number;
  options?: ColumnOption[];
  /** What the template's 填写说明 sheet says about the column. */
  note: string;
  example: string | number | Date;
  width: number;
}

const option = (value: string, label: string, ...aliases: string[]): ColumnOption => ({ value, label, aliases });

export const GENDER_OPTIONS = [option(Gender.MALE, '男', '男性', 'M'), option(Gender.FEMALE, '女', '女性', 'F')];
export const EDUCATION_OPTIONS = [
  option(Education.JUNIOR_HIGH_OR_BELOW, '初中以下', '初中及以下', '初中', '小学', '小学及以下', '文盲', '半文盲'),
  option(Education.HIGH_SCHOOL, '高中', '高中及中专', '高中/中专', '中专', '职高', '技校', '中技'),
  option(Education.COLLEGE_OR_ABOVE, '大专以上', '大专及以上', '大专', '高职', '本科', '大学', '硕士', '研究生', '博士'),
];
export const EMPLOYMENT_OPTIONS = [
  option(EmploymentStatus.EMPLOYED, '在岗', '在职'),
  option(EmploymentStatus.LAID_OFF, '下岗'),
  option(EmploymentStatus.UNEMPLOYED, '失业'),
  option(EmploymentStatus.RETIRED, '退休'),
];
export const YES_NO_OPTIONS = [option('true', '是', 'Y', 'YES', 'TRUE', '1', '√'), option('false', '否', 'N', 'NO', 'FALSE', '0', '×')];
export const CAUSE_OPTIONS = [
  option(HardshipCause.ENTERPRISE_SHUTDOWN, '企业停产半停产', '停产半停产', '企业停产', '企业半停产'),
  option(HardshipCause.LAID_OFF, '下岗失业', '下岗', '失业'),
  option(HardshipCause.CHILDREN_SCHOOLING, '子女上学', '子女就学', '子女教育'),
  option(HardshipCause.SINGLE_PARENT, '单亲', '单亲家庭'),
  option(HardshipCause.SERIOUS_ILLNESS, '大病', '重病', '患大病'),
  option(HardshipCause.DISABILITY, '残疾', '伤残'),
  option(HardshipCause.DISASTER, '灾害', '受灾', '自然灾害'),
];

// A well-formed number, so the example shows the shape a real one has.
const EXAMPLE_ID = `23010219800517001${checkCharacter('23010219800517001')}`;

export const WORKER_COLUMNS: ImportColumn[] = [
  {
    key: 'orgCode',
    header: '组织代码',
    aliases: ['工会代码', '单位代码', '组织编码'],
    kind: 'orgCode',
    required: false,
    note: '职工所在工会的组织代码，须在导入的组织之下；不填：新职工为导入的组织，已登记的职工不变。',
    example: 'SF01-01-001',
    width: 16,
  },
  {
    key: 'name',
    header: '姓名',
    aliases: ['职工姓名'],
    kind: 'name',
    required: true,
    note: '必填，最多 50 字。',
    example: '示例：张三',
    width: 12,
  },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '居民身份证号码'],
    kind: 'idNumber',
    required: true,
    note: '必填，18 位居民身份证号码，末位可为 X；按它认人：再次导入时更新同一身份证号的职工。请保持本列为文本格式。',
    example: EXAMPLE_ID,
    width: 22,
  },
  {
    key: 'gender',
    header: '性别',
    aliases: [],
    kind: 'gender',
    required: false,
    options: GENDER_OPTIONS,
    note: '可不填：按身份证号判断；填写时须与身份证号一致。',
    example: '男',
    width: 8,
  },
  {
    key: 'birthDate',
    header: '出生日期',
    aliases: ['出生年月日'],
    kind: 'date',
    required: false,
    personal: true,
    note: '可不填：按身份证号判断；填写时须与身份证号一致。',
    example: new Date(Date.UTC(1980, 4, 17)),
    width: 12,
  },
  {
    key: 'education',
    header: '文化程度',
    aliases: ['学历'],
    kind: 'choice',
    required: true,
    options: EDUCATION_OPTIONS,
    note: '必填：初中以下、高中（含中专、职高、技校）、大专以上。',
    example: '高中',
    width: 12,
  },
  {
    key: 'employmentStatus',
    header: '就业状态',
    aliases: ['在岗状态'],
    kind: 'choice',
    required: false,
    options: EMPLOYMENT_OPTIONS,
    note: '在岗、下岗、失业或退休；新职工不填为在岗，已登记的职工不填则不变。',
    example: '在岗',
    width: 10,
  },
  {
    key: 'isMember',
    header: '是否会员',
    aliases: ['会员'],
    kind: 'boolean',
    required: false,
    options: YES_NO_OPTIONS,
    note: '是或否；新职工不填为否，已登记的职工不填则不变。',
    example: '是',
    width: 10,
  },
  {
    key: 'isMigrantWorker',
    header: '是否农民工',
    aliases: ['农民工'],
    kind: 'boolean',
    required: false,
    options: YES_NO_OPTIONS,
    note: '是或否；同上。',
    example: '否',
    width: 10,
  },
  {
    key: 'isModelWorker',
    header: '是否劳模',
    aliases: ['劳模'],
    kind: 'boolean',
    required: false,
    options: YES_NO_OPTIONS,
    note: '是或否；同上。',
    example: '否',
    width: 10,
  },
  {
    key: 'phone',
    header: '手机号',
    aliases: ['手机号码', '联系电话', '电话'],
    kind: 'phone',
    required: false,
    note: '6 到 20 位数字，可带 + 和 -；不填则不变。',
    example: '13812345678',
    width: 16,
  },
];

export const ARCHIVE_COLUMNS: ImportColumn[] = [
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '居民身份证号码'],
    kind: 'idNumber',
    required: true,
    note: '必填：已登记在导入的组织之下的职工（先导入职工名册）。每人一份在档档案：已有在档档案则更新它。',
    example: EXAMPLE_ID,
    width: 22,
  },
  {
    key: 'name',
    header: '姓名',
    aliases: ['职工姓名'],
    kind: 'name',
    required: false,
    note: '可不填；填写时须与该身份证号登记的姓名一致，防止填错号码。',
    example: '示例：张三',
    width: 12,
  },
  {
    key: 'householdSize',
    header: '家庭人口',
    aliases: ['家庭人口数', '家庭成员数'],
    kind: 'householdSize',
    required: true,
    note: '必填，1 到 30 的整数。',
    example: 3,
    width: 10,
  },
  {
    key: 'householdMonthlyIncome',
    header: '家庭月收入（元）',
    aliases: ['家庭月总收入', '家庭月收入元'],
    kind: 'money',
    required: true,
    personal: true,
    note: '必填：全家每月收入合计，单位元，最多两位小数。',
    example: 720.5,
    width: 16,
  },
  {
    key: 'causes',
    header: '致困原因',
    aliases: ['困难原因', '致贫原因'],
    kind: 'causes',
    required: true,
    options: CAUSE_OPTIONS,
    note: `必填，可填多项，用顿号隔开：${CAUSE_OPTIONS.map((o) => o.label).join('、')}。`,
    example: '下岗失业、大病',
    width: 24,
  },
  {
    key: 'openedOn',
    header: '建档日期',
    aliases: ['建档时间'],
    kind: 'date',
    required: false,
    note: '不填为导入当天；不能晚于今天。已有在档档案的，须与其建档日期一致或不填。',
    example: new Date(Date.UTC(2026, 0, 15)),
    width: 12,
  },
  {
    key: 'illness',
    header: '患病情况',
    aliases: ['病情', '健康状况'],
    kind: 'text',
    maxLength: 2000,
    required: false,
    note: '不填则不变。',
    example: '',
    width: 20,
  },
  {
    key: 'incomeSources',
    header: '收入来源',
    aliases: [],
    kind: 'text',
    maxLength: 2000,
    required: false,
    note: '不填则不变。',
    example: '低保、零工',
    width: 20,
  },
  {
    key: 'skills',
    header: '技能特长',
    aliases: ['技能'],
    kind: 'text',
    maxLength: 2000,
    required: false,
    note: '不填则不变。',
    example: '电焊',
    width: 16,
  },
  {
    key: 'jobWishes',
    header: '就业意向',
    aliases: ['求职意向'],
    kind: 'text',
    maxLength: 2000,
    required: false,
    note: '不填则不变。',
    example: '物业维修',
    width: 16,
  },
  {
    key: 'plan',
    header: '帮扶措施',
    aliases: ['一户一策', '帮扶计划'],
    kind: 'text',
    maxLength: 4000,
    required: false,
    note: '一户一策；不填则不变。',
    example: '推荐技能培训，结对帮扶',
    width: 28,
  },
];

export const COLUMNS: Record<ImportKind, ImportColumn[]> = { WORKERS: WORKER_COLUMNS, ARCHIVES: ARCHIVE_COLUMNS };

export const SHEET_NAMES: Record<ImportKind, string> = { WORKERS: '职工名册', ARCHIVES: '困难职工档案' };

/** A name cell that starts with this marks the template's example row, which is never imported. */
export const EXAMPLE_MARK = '示例';

/** "家庭月收入（元）" → "家庭月收入": no spaces, no bracketed units, full-width folded. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\(.*?\)|\[.*?\]|【.*?】/g, '')
    .replace(/[\s*：:]/g, '')
    .toLowerCase();
}

// Headers are named back to the user (ignored, duplicated): without control characters, which
// PostgreSQL's text refuses (NUL) or nobody can see, and briefly, as a header cell may hold anything.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f]/g;
const HEADER_SHOWN = 40;
const UNKNOWN_LISTED = 50;

function headerShown(cell: string): string {
  const text = cell.replace(UNPRINTABLE, '').trim();
  return text.length > HEADER_SHOWN ? `${text.slice(0, HEADER_SHOWN)}…` : text;
}

/** Finds each known column's position in a header row; unknown headers are listed, duplicates refused. */
export function matchHeaders(
  kind: ImportKind,
  cells: string[],
): { positions: Map<string, number>; unknown: string[]; duplicated: string[]; missing: ImportColumn[] } {
  const byKey = new Map<string, ImportColumn>();
  for (const column of COLUMNS[kind]) for (const name of [column.header, column.key, ...column.aliases]) byKey.set(headerKey(name), column);
  const positions = new Map<string, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  cells.forEach((cell, index) => {
    if (cell.trim() === '') return;
    const column = byKey.get(headerKey(cell));
    if (!column) {
      if (unknown.length < UNKNOWN_LISTED) unknown.push(headerShown(cell));
    } else if (positions.has(column.key)) duplicated.push(headerShown(cell));
    else positions.set(column.key, index);
  });
  const missing = COLUMNS[kind].filter((column) => column.required && !positions.has(column.key));
  return { positions, unknown, duplicated, missing };
}
