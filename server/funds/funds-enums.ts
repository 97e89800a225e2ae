import { registerEnumType } from 'type-graphql';

export enum IncomeSource {
  UNION_DUES = 'UNION_DUES',
  GOVERNMENT = 'GOVERNMENT',
  ENTERPRISE_DONATION = 'ENTERPRISE_DONATION',
  SOCIAL_DONATION = 'SOCIAL_DONATION',
  OTHER = 'OTHER',
}

/** What moved: each kind has fixed ends (see the CHECK on ledger_entries). */
export enum LedgerEntryKind {
  INCOME = 'INCOME',
  ALLOCATION = 'ALLOCATION',
  PAYMENT = 'PAYMENT',
  INCOME_REVERSAL = 'INCOME_REVERSAL',
  ALLOCATION_REVERSAL = 'ALLOCATION_REVERSAL',
}

registerEnumType(IncomeSource, {
  name: 'IncomeSource',
  valuesConfig: {
    UNION_DUES: { description: '工会经费: union dues' },
    GOVERNMENT: { description: '财政拨款: government funds' },
    ENTERPRISE_DONATION: { description: '企业赞助: enterprise donation' },
    SOCIAL_DONATION: { description: '社会捐助: social donation' },
    OTHER: { description: 'Any other outside source' },
  },
});
registerEnumType(LedgerEntryKind, {
  name: 'LedgerEntryKind',
  valuesConfig: {
    INCOME: { description: 'From an outside source into an org fund' },
    ALLOCATION: { description: '下拨: from an org fund to the fund of a direct child' },
    PAYMENT: { description: 'From an org fund to a worker, paying an assistance case' },
    INCOME_REVERSAL: { description: 'Correction: an income entry taken back out of the fund' },
    ALLOCATION_REVERSAL: { description: 'Correction: an allocation returned from the child to the giving org' },
  },
});
