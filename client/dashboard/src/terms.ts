// The domain's words as union staff use them (DOMAIN.md).
import type {
  AssistanceProgramme,
  AssistanceStatus,
  Education,
  EmploymentStatus,
  Festival,
  Gender,
  HardshipCause,
  HardshipLevel,
  NamingLevel,
  OrgLevel,
  Ownership,
  Role,
} from '../../sdk';

export const ORG_LEVEL: Record<OrgLevel, string> = {
  MUNICIPAL: '市总工会',
  COUNTY: '县(区)总工会',
  TOWNSHIP: '乡镇(街道)工会',
  ENTERPRISE: '企业工会',
};

export const ROLE: Record<Role, string> = {
  ADMIN: '管理员',
  STAFF: '帮扶中心',
  FINANCE: '财务',
  VIEWER: '查阅',
};

export const PROGRAMME: Record<AssistanceProgramme, string> = {
  WARMTH: '送温暖',
  LIVING: '生活救助',
  EDUCATION: '金秋助学',
  MEDICAL: '医疗救助',
  SKILLS: '助技',
  EMPLOYMENT: '助岗',
  LEGAL: '助法',
};

export const CASE_STATUS: Record<AssistanceStatus, string> = {
  APPLIED: '待审批',
  APPROVED: '已审批待发放',
  DISBURSED: '已发放',
  REJECTED: '已驳回',
};

export const CAUSE: Record<HardshipCause, string> = {
  ENTERPRISE_SHUTDOWN: '企业停产半停产',
  LAID_OFF: '下岗失业',
  CHILDREN_SCHOOLING: '子女上学',
  SINGLE_PARENT: '单亲',
  SERIOUS_ILLNESS: '大病',
  DISABILITY: '残疾',
  DISASTER: '灾害',
};

export const EDUCATION: Record<Education, string> = {
  JUNIOR_HIGH_OR_BELOW: '初中以下',
  HIGH_SCHOOL: '高中',
  COLLEGE_OR_ABOVE: '大专以上',
};

export const GENDER: Record<Gender, string> = { MALE: '男', FEMALE: '女' };

export const EMPLOYMENT: Record<EmploymentStatus, string> = {
  EMPLOYED: '在岗',
  LAID_OFF: '下岗',
  UNEMPLOYED: '失业',
  RETIRED: '退休',
};

export const HARDSHIP_LEVEL: Record<HardshipLevel, string> = {
  EXTREME: '特困职工',
  HARDSHIP: '困难职工',
  NONE: '—',
};

export const FESTIVAL: Record<Festival, string> = {
  SPRING_FESTIVAL: '春节',
  NEW_YEAR: '元旦',
  MAY_DAY: '五一',
  NATIONAL_DAY: '国庆',
  MID_AUTUMN: '中秋',
};

export const NAMING_LEVEL: Record<NamingLevel, string> = {
  NATIONAL: '国家级',
  PROVINCIAL: '省级',
  MUNICIPAL: '市级',
  COUNTY: '县级',
};

export const OWNERSHIP: Record<Ownership, string> = {
  STATE_OWNED: '国有',
  COLLECTIVE: '集体',
  PRIVATE: '民营',
  FOREIGN_INVESTED: '外商投资',
  HK_MACAO_TAIWAN_INVESTED: '港澳台投资',
  OTHER: '其他',
};
