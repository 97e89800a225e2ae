import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../common/scalars';
import { Criterion, NamingLevel, Ownership } from './harmonious-enums';

const BLANK = { message: '$property cannot be blank' };

@InputType()
export class SetEnterpriseProfileInput {
  @Field(() => ID, { description: 'An ENTERPRISE org.' })
  orgId!: string;

  @Field(() => String, { description: '统一社会信用代码, 18 characters with a valid check character.' })
  @Length(1, 40)
  creditCode!: string;

  @Field(() => Ownership)
  ownership!: Ownership;

  @Field(() => String)
  @Length(1, 50)
  @Matches(/\S/, BLANK)
  industry!: string;

  @Field(() => Int)
  @Min(0)
  @Max(10_000_000)
  employees!: number;
}

@InputType({ description: 'That an enterprise takes part in a year’s campaign; repeating it corrects the number of workers.' })
export class RecordParticipationInput {
  @Field(() => ID, { description: 'An ENTERPRISE org.' })
  orgId!: string;

  @Field(() => Int)
  @Min(2000)
  @Max(2100)
  year!: number;

  @Field(() => Int, { description: 'Workers taking part; no more than the profile’s employees.' })
  @Min(0)
  @Max(10_000_000)
  participatingWorkers!: number;
}

@InputType()
export class CriterionInput {
  @Field(() => Criterion)
  criterion!: Criterion;

  @Field(() => Boolean)
  met!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500)
  note?: string | null;
}

@InputType({ description: 'The scorecard: every criterion once, met or not.' })
export class AssessParticipationInput {
  @Field(() => ID)
  participationId!: string;

  @Field(() => [CriterionInput])
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  criteria!: CriterionInput[];
}

@InputType()
export class CriterionWeightInput {
  @Field(() => Criterion)
  criterion!: Criterion;

  @Field(() => Int)
  @Min(0)
  @Max(100)
  weight!: number;
}

@InputType({ description: 'A municipality’s scorecard: weights of every criterion summing to 100, and the pass mark.' })
export class SetHarmoniousScoringInput {
  @Field(() => ID, { description: 'The municipal federation.' })
  orgId!: string;

  @Field(() => [CriterionWeightInput])
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  weights!: CriterionWeightInput[];

  @Field(() => Int)
  @Min(1)
  @Max(100)
  passMark!: number;
}

@InputType()
export class NameEnterpriseInput {
  @Field(() => ID, { description: 'A participation that passed its scorecard.' })
  participationId!: string;

  @Field(() => NamingLevel)
  level!: NamingLevel;

  @Field(() => DateScalar, { nullable: true, description: 'Today when absent.' })
  @IsOptional()
  namedOn?: string | null;
}

@InputType()
export class RevokeNamingInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @Length(1, 500)
  @Matches(/\S/, BLANK)
  reason!: string;

  @Field(() => DateScalar, { nullable: true, description: 'From this day the naming no longer counts; today when absent.' })
  @IsOptional()
  revokedOn?: string | null;
}
