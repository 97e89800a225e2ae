import { registerEnumType } from 'type-graphql';

export enum OrgLevel {
  MUNICIPAL = 'MUNICIPAL',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  ENTERPRISE = 'ENTERPRISE',
}

registerEnumType(OrgLevel, {
  name: 'OrgLevel',
  valuesConfig: {
    MUNICIPAL: { description: '市总工会: the municipal federation, root of a tree' },
    COUNTY: { description: '县(区)总工会: county or district federation' },
    TOWNSHIP: { description: '乡镇(街道)工会: township or street union' },
    ENTERPRISE: { description: '企业工会: grassroots union of one enterprise' },
  },
});

const rank: Record<OrgLevel, number> = {
  [OrgLevel.MUNICIPAL]: 0,
  [OrgLevel.COUNTY]: 1,
  [OrgLevel.TOWNSHIP]: 2,
  [OrgLevel.ENTERPRISE]: 3,
};

/** A child's level is always lower than its parent's; an enterprise may sit under a county. */
export function mayHaveChild(parent: OrgLevel, child: OrgLevel): boolean {
  return rank[child] > rank[parent];
}
