import { IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../common/scalars';
import { AssistanceProgramme, Festival } from './assistance-enums';

const TEXT = /\S/;
const BLANK = { message: '$property cannot be blank' };

@InputType({ description: '送温暖: the visit.' })
export class WarmthDetailsInput {
  @Field(() => Festival)
  festival!: Festival;

  @Field(() => Int, { description: 'The year of the festival.' })
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => MoneyScalar, { description: 'Cash handed over; with inKindValue it makes up amount.' })
  cash!: bigint;

  @Field(() => MoneyScalar, { description: 'Value of the goods.' })
  inKindValue!: bigint;

  @Field(() => String, { nullable: true, description: 'What the goods were, e.g. 大米 10kg, 食用油 5L.' })
  @IsOptional()
  @Length(0, 200)
  goods?: string | null;
}

@InputType({ description: '金秋助学: one school year of one student; apply again for the next year.' })
export class EducationDetailsInput {
  @Field(() => String, { description: 'The student (personal data).' })
  @Length(1, 50)
  @Matches(TEXT, BLANK)
  studentName!: string;

  @Field(() => String)
  @Length(1, 100)
  @Matches(TEXT, BLANK)
  school!: string;

  @Field(() => Int, { description: 'The year the school year starts in, e.g. 2025 for 2025/26.' })
  @Min(2000)
  @Max(2100)
  schoolYear!: number;
}

@InputType({ description: '助医: the illness (personal data).' })
export class MedicalDetailsInput {
  @Field(() => String)
  @Length(1, 500)
  @Matches(TEXT, BLANK)
  illness!: string;
}

@InputType({ description: '助技: the training course; 助岗: the placement or job fair.' })
export class TrainingDetailsInput {
  @Field(() => String)
  @Length(1, 200)
  @Matches(TEXT, BLANK)
  course!: string;
}

@InputType({
  description:
    'Give the details of the programme applied for, and only those: warmth, education, medical, or training for SKILLS and EMPLOYMENT.',
})
export class ApplyAssistanceInput {
  @Field(() => ID)
  workerId!: string;

  @Field(() => AssistanceProgramme)
  programme!: AssistanceProgramme;

  @Field(() => MoneyScalar, { description: 'What the fund is to pay: above zero, or zero for SKILLS, EMPLOYMENT and LEGAL services.' })
  amount!: bigint;

  @Field(() => String, { description: "Unique within the worker's org; a repeat returns the first case." })
  @Length(1, 100)
  idempotencyKey!: string;

  @Field(() => WarmthDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  warmth?: WarmthDetailsInput | null;

  @Field(() => EducationDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  education?: EducationDetailsInput | null;

  @Field(() => MedicalDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  medical?: MedicalDetailsInput | null;

  @Field(() => TrainingDetailsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  training?: TrainingDetailsInput | null;
}

@InputType()
export class RecordAssistanceOutcomeInput {
  @Field(() => ID, { description: 'A disbursed SKILLS or EMPLOYMENT case.' })
  caseId!: string;

  @Field(() => Boolean)
  reemployed!: boolean;

  @Field(() => DateScalar, { nullable: true, description: 'When the outcome was known; today when absent.' })
  @IsOptional()
  outcomeOn?: string | null;
}
