import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import { Education, EmploymentStatus, Gender } from './worker-enums';

// At most 20 characters, the column's width.
const PHONE = /^\+?[0-9][0-9-]{5,18}$/;

@InputType()
export class RegisterWorkerInput {
  @Field(() => ID)
  orgId!: string;

  @Field(() => String)
  @Length(1, 50)
  @Matches(/\S/, { message: '$property cannot be blank' })
  name!: string;

  @Field(() => String, { description: '居民身份证号码: 18 characters; birth date and sex are read from it.' })
  idNumber!: string;

  @Field(() => Gender, { nullable: true, description: 'When given, must agree with the ID number.' })
  gender?: Gender | null;

  @Field(() => DateScalar, { nullable: true, description: 'When given, must agree with the ID number.' })
  birthDate?: string | null;

  @Field(() => Education)
  education!: Education;

  @Field(() => EmploymentStatus, { defaultValue: EmploymentStatus.EMPLOYED })
  employmentStatus!: EmploymentStatus;

  @Field(() => Boolean, { defaultValue: false })
  isMember!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  isMigrantWorker!: boolean;

  @Field(() => Boolean, { defaultValue: false })
  isModelWorker!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone is 6 to 20 digits, optionally with + and hyphens' })
  phone?: string | null;
}

@InputType()
export class UpdateWorkerInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50)
  @Matches(/\S/, { message: '$property cannot be blank' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A corrected ID number; birth date and sex follow it.' })
  idNumber?: string | null;

  @Field(() => Education, { nullable: true })
  education?: Education | null;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus?: EmploymentStatus | null;

  @Field(() => Boolean, { nullable: true })
  isMember?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  isMigrantWorker?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  isModelWorker?: boolean | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the phone number.' })
  @IsOptional()
  @Matches(/^$|^\+?[0-9][0-9-]{5,18}$/, { message: 'phone is 6 to 20 digits, optionally with + and hyphens' })
  phone?: string | null;
}
