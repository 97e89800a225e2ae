import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MoneyScalar } from '../common/scalars';
import { IncomeSource } from './funds-enums';

const KEY_DESCRIPTION = 'Chosen by the client, unique within the org the call acts for; a repeat returns the first result.';

@InputType({ description: 'Repeating a money-moving call with the same idempotencyKey returns the first result and moves nothing again.' })
export class RecordIncomeInput {
  @Field(() => ID)
  orgId!: string;

  @Field(() => IncomeSource)
  source!: IncomeSource;

  @Field(() => MoneyScalar, { description: 'Above zero.' })
  amount!: bigint;

  @Field(() => String, { description: KEY_DESCRIPTION })
  @Length(1, 100)
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'What the money is, e.g. the donor or the dues period.' })
  @IsOptional()
  @Length(0, 500)
  note?: string | null;
}

@InputType()
export class AllocateFundsInput {
  @Field(() => ID)
  fromOrgId!: string;

  @Field(() => ID, { description: 'A direct child of fromOrgId.' })
  toOrgId!: string;

  @Field(() => MoneyScalar, { description: 'Above zero, and no more than the giving fund holds.' })
  amount!: bigint;

  @Field(() => String, { description: KEY_DESCRIPTION })
  @Length(1, 100)
  idempotencyKey!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 500)
  note?: string | null;
}

@InputType({ description: 'A correction: the entry is never changed; a new entry moves the money back.' })
export class ReverseLedgerEntryInput {
  @Field(() => ID, { description: 'An INCOME or ALLOCATION entry not yet reversed.' })
  entryId!: string;

  @Field(() => String, { description: 'Why the entry was wrong.' })
  @Length(1, 500)
  @Matches(/\S/, { message: '$property cannot be blank' })
  reason!: string;

  @Field(() => String, { description: KEY_DESCRIPTION })
  @Length(1, 100)
  idempotencyKey!: string;
}
