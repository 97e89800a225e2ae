import { registerEnumType } from 'type-graphql';

export enum HardshipCause {
  ENTERPRISE_SHUTDOWN = 'ENTERPRISE_SHUTDOWN',
  LAID_OFF = 'LAID_OFF',
  CHILDREN_SCHOOLING = 'CHILDREN_SCHOOLING',
  SINGLE_PARENT = 'SINGLE_PARENT',
  SERIOUS_ILLNESS = 'SERIOUS_ILLNESS',
  DISABILITY = 'DISABILITY',
  DISASTER = 'DISASTER',
}

export enum HardshipLevel {
  NONE = 'NONE',
  HARDSHIP = 'HARDSHIP',
  EXTREME = 'EXTREME',
}

registerEnumType(HardshipCause, {
  name: 'HardshipCause',
  valuesConfig: {
    ENTERPRISE_SHUTDOWN: { description: '企业停产半停产: enterprise shut down or half shut down' },
    LAID_OFF: { description: '下岗失业: laid off or unemployed' },
    CHILDREN_SCHOOLING: { description: "子女上学: children's schooling" },
    SINGLE_PARENT: { description: '单亲: single parent' },
    SERIOUS_ILLNESS: { description: '大病: serious illness' },
    DISABILITY: { description: '残疾: disability' },
    DISASTER: { description: '灾害: disaster' },
  },
});
registerEnumType(HardshipLevel, {
  name: 'HardshipLevel',
  valuesConfig: {
    NONE: { description: 'Not in hardship (no open archive, or income at or above the hardship line)' },
    HARDSHIP: { description: '困难职工: per-person income below the hardship line' },
    EXTREME: { description: '特困职工: per-person income below the extreme line' },
  },
});
