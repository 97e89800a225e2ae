import { registerEnumType } from 'type-graphql';

export enum AssistanceProgramme {
  WARMTH = 'WARMTH',
  LIVING = 'LIVING',
  EDUCATION = 'EDUCATION',
  MEDICAL = 'MEDICAL',
  SKILLS = 'SKILLS',
  EMPLOYMENT = 'EMPLOYMENT',
  LEGAL = 'LEGAL',
}

export enum AssistanceStatus {
  APPLIED = 'APPLIED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DISBURSED = 'DISBURSED',
}

/** The five festivals of 送温暖 visits. */
export enum Festival {
  SPRING_FESTIVAL = 'SPRING_FESTIVAL',
  NEW_YEAR = 'NEW_YEAR',
  MAY_DAY = 'MAY_DAY',
  NATIONAL_DAY = 'NATIONAL_DAY',
  MID_AUTUMN = 'MID_AUTUMN',
}

/** Programmes that are services as much as money: they may be delivered at no cost to the fund. */
export const SERVICE_PROGRAMMES: readonly AssistanceProgramme[] = [
  AssistanceProgramme.SKILLS,
  AssistanceProgramme.EMPLOYMENT,
  AssistanceProgramme.LEGAL,
];

/** Programmes whose cases end with an outcome: re-employed or not. */
export const EMPLOYMENT_PROGRAMMES: readonly AssistanceProgramme[] = [AssistanceProgramme.SKILLS, AssistanceProgramme.EMPLOYMENT];

registerEnumType(AssistanceProgramme, {
  name: 'AssistanceProgramme',
  valuesConfig: {
    WARMTH: { description: '送温暖: festival visits with cash and goods' },
    LIVING: { description: '助困 / 生活救助: living relief' },
    EDUCATION: { description: '金秋助学: tuition for a hardship worker’s child at college, yearly' },
    MEDICAL: { description: '助医 / 医疗救助: subsidy for serious illness' },
    SKILLS: { description: '助技: skills training' },
    EMPLOYMENT: { description: '助岗: job placement' },
    LEGAL: { description: '助法: legal aid' },
  },
});
registerEnumType(AssistanceStatus, {
  name: 'AssistanceStatus',
  valuesConfig: {
    APPLIED: { description: 'Waiting for FINANCE or ADMIN to approve or reject' },
    APPROVED: { description: 'Approved, with the paying org named; not paid yet' },
    REJECTED: { description: 'Refused, with a reason; final' },
    DISBURSED: { description: 'Paid (or the service delivered); final' },
  },
});
registerEnumType(Festival, {
  name: 'Festival',
  valuesConfig: {
    SPRING_FESTIVAL: { description: '春节' },
    NEW_YEAR: { description: '元旦' },
    MAY_DAY: { description: '五一' },
    NATIONAL_DAY: { description: '国庆' },
    MID_AUTUMN: { description: '中秋' },
  },
});
