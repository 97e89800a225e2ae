import { registerEnumType } from 'type-graphql';

export enum Ownership {
  STATE_OWNED = 'STATE_OWNED',
  COLLECTIVE = 'COLLECTIVE',
  PRIVATE = 'PRIVATE',
  FOREIGN_INVESTED = 'FOREIGN_INVESTED',
  HK_MACAO_TAIWAN_INVESTED = 'HK_MACAO_TAIWAN_INVESTED',
  OTHER = 'OTHER',
}

/** The criteria the reports name for a harmonious labour-relations enterprise. */
export enum Criterion {
  COLLECTIVE_CONTRACT = 'COLLECTIVE_CONTRACT',
  WAGE_BARGAINING = 'WAGE_BARGAINING',
  WORKERS_CONGRESS = 'WORKERS_CONGRESS',
  FACTORY_AFFAIRS_OPENNESS = 'FACTORY_AFFAIRS_OPENNESS',
  NO_WAGE_ARREARS = 'NO_WAGE_ARREARS',
  SAFE_PRODUCTION = 'SAFE_PRODUCTION',
}

/** Highest first: an enterprise's highest current naming is the one it counts under. */
export enum NamingLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  COUNTY = 'COUNTY',
}

export const NAMING_RANK: Record<NamingLevel, number> = { NATIONAL: 1, PROVINCIAL: 2, MUNICIPAL: 3, COUNTY: 4 };

registerEnumType(Ownership, {
  name: 'Ownership',
  valuesConfig: {
    STATE_OWNED: { description: '国有' },
    COLLECTIVE: { description: '集体' },
    PRIVATE: { description: '民营 / 私营' },
    FOREIGN_INVESTED: { description: '外商投资' },
    HK_MACAO_TAIWAN_INVESTED: { description: '港澳台投资' },
    OTHER: { description: '其他' },
  },
});
registerEnumType(Criterion, {
  name: 'HarmoniousCriterion',
  valuesConfig: {
    COLLECTIVE_CONTRACT: { description: '集体合同' },
    WAGE_BARGAINING: { description: '工资集体协商' },
    WORKERS_CONGRESS: { description: '职代会' },
    FACTORY_AFFAIRS_OPENNESS: { description: '厂务公开' },
    NO_WAGE_ARREARS: { description: '无拖欠工资' },
    SAFE_PRODUCTION: { description: '安全生产' },
  },
});
registerEnumType(NamingLevel, {
  name: 'NamingLevel',
  valuesConfig: {
    NATIONAL: { description: '国家级 (recorded by the municipal federation)' },
    PROVINCIAL: { description: '省级 (recorded by the municipal federation)' },
    MUNICIPAL: { description: '市级' },
    COUNTY: { description: '县级' },
  },
});
