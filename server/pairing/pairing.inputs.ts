import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../common/scalars';

const BLANK = { message: '$property cannot be blank' };

@InputType()
export class CreatePairingInput {
  @Field(() => ID, { description: 'A worker with an open hardship archive and no current pairing.' })
  workerId!: string;

  @Field(() => String)
  @Length(1, 50)
  @Matches(/\S/, BLANK)
  cadreName!: string;

  @Field(() => String, { description: 'e.g. 区总工会副主席' })
  @Length(1, 100)
  @Matches(/\S/, BLANK)
  cadrePost!: string;

  @Field(() => ID, { description: 'The org the cadre works at, in your scope.' })
  cadreOrgId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Today when absent.' })
  @IsOptional()
  startedOn?: string | null;
}

@InputType({ description: 'End a pairing for a reason other than the family being lifted (lifting ends it by itself).' })
export class EndPairingInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Why, e.g. the cadre moved to another post.' })
  @Length(1, 500)
  @Matches(/\S/, BLANK)
  note!: string;
}
