import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { OrgLevel } from './org-level';

/** An org code: capital letters and digits, in parts joined by single hyphens. */
export const ORG_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;
const CODE_MESSAGE = 'code is 1 to 32 capital letters, digits and single hyphens, e.g. SF01-01-001';

@InputType()
export class CreateOrgInput {
  @Field(() => ID, { description: 'The org the new one sits under.' })
  parentId!: string;

  @Field(() => String)
  @Length(1, 32)
  @Matches(ORG_CODE, { message: CODE_MESSAGE })
  code!: string;

  @Field(() => String)
  @Length(1, 100)
  @Matches(/\S/, { message: '$property cannot be blank' })
  name!: string;

  @Field(() => OrgLevel, { description: "Lower than the parent's level." })
  level!: OrgLevel;
}

@InputType()
export class UpdateOrgInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 32)
  @Matches(ORG_CODE, { message: CODE_MESSAGE })
  code?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  @Matches(/\S/, { message: '$property cannot be blank' })
  name?: string | null;
}

@InputType()
export class MoveOrgInput {
  @Field(() => ID, { description: 'The org to move; its whole subtree moves with it.' })
  id!: string;

  @Field(() => ID, { description: 'The new parent, inside your scope.' })
  newParentId!: string;
}
