import { registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum Education {
  JUNIOR_HIGH_OR_BELOW = 'JUNIOR_HIGH_OR_BELOW',
  HIGH_SCHOOL = 'HIGH_SCHOOL',
  COLLEGE_OR_ABOVE = 'COLLEGE_OR_ABOVE',
}

export enum EmploymentStatus {
  EMPLOYED = 'EMPLOYED',
  LAID_OFF = 'LAID_OFF',
  UNEMPLOYED = 'UNEMPLOYED',
  RETIRED = 'RETIRED',
}

registerEnumType(Gender, { name: 'Gender' });
registerEnumType(Education, {
  name: 'Education',
  valuesConfig: {
    JUNIOR_HIGH_OR_BELOW: { description: '初中以下: junior high school or below' },
    HIGH_SCHOOL: { description: '高中: high school or vocational school' },
    COLLEGE_OR_ABOVE: { description: '大专以上: college or above' },
  },
});
registerEnumType(EmploymentStatus, {
  name: 'EmploymentStatus',
  valuesConfig: {
    EMPLOYED: { description: '在岗' },
    LAID_OFF: { description: '下岗' },
    UNEMPLOYED: { description: '失业' },
    RETIRED: { description: '退休' },
  },
});
