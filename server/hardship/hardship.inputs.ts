import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../common/scalars';
import { HardshipCause } from './hardship-enums';

/** The free-text parts of an archive (一人一档), shared by opening and updating one. */
@InputType()
abstract class ArchiveDetails {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  illness?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  incomeSources?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  skills?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  jobWishes?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 4000)
  plan?: string | null;
}

@InputType()
export class OpenHardshipArchiveInput extends ArchiveDetails {
  @Field(() => ID)
  workerId!: string;

  @Field(() => Int)
  @Min(1, { message: 'householdSize must be at least 1' })
  @Max(30, { message: 'householdSize must be at most 30' })
  householdSize!: number;

  @Field(() => MoneyScalar, { description: "The whole household's income per month." })
  householdMonthlyIncome!: bigint;

  @Field(() => [HardshipCause])
  @ArrayMinSize(1, { message: 'causes needs at least one cause' })
  @ArrayMaxSize(7)
  causes!: HardshipCause[];

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today.' })
  openedOn?: string | null;
}

@InputType()
export class UpdateHardshipArchiveInput extends ArchiveDetails {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'householdSize must be at least 1' })
  @Max(30, { message: 'householdSize must be at most 30' })
  householdSize?: number | null;

  @Field(() => MoneyScalar, { nullable: true })
  householdMonthlyIncome?: bigint | null;

  @Field(() => [HardshipCause], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'causes needs at least one cause' })
  @ArrayMaxSize(7)
  causes?: HardshipCause[] | null;
}

@InputType()
export class LiftHardshipArchiveInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Why the worker is out of hardship, e.g. re-employed.' })
  @Length(1, 500)
  @Matches(/\S/, { message: '$property cannot be blank' })
  reason!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today.' })
  liftedOn?: string | null;
}

@InputType()
export class SetHardshipLinesInput {
  @Field(() => ID, { description: 'The municipal federation whose tree the lines apply to.' })
  orgId!: string;

  @Field(() => MoneyScalar, { description: 'Per person per month.' })
  hardshipLine!: bigint;

  @Field(() => MoneyScalar, { description: 'Per person per month; at most the hardship line.' })
  extremeLine!: bigint;

  @Field(() => DateScalar)
  effectiveFrom!: string;
}
