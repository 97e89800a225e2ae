import { ArrayMaxSize, ArrayMinSize, Length, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from './role';

@InputType()
export class RoleAtOrgInput {
  @Field(() => Role)
  role!: Role;

  @Field(() => ID)
  orgId!: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => String, { description: '3 to 64 lower-case letters, digits, dots, hyphens or underscores.' })
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username is 3 to 64 lower-case letters, digits, ".", "-" or "_"' })
  username!: string;

  @Field(() => String)
  @Length(1, 100)
  @Matches(/\S/, { message: '$property cannot be blank' })
  displayName!: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  @Length(10, 200, { message: 'password must be 10 to 200 characters long' })
  password!: string;

  @Field(() => [RoleAtOrgInput], { description: 'At least one role, each at an org in your scope.' })
  @ArrayMinSize(1, { message: 'assignments needs at least one role' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  assignments!: RoleAtOrgInput[];
}

@InputType()
export class AssignRoleInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID)
  orgId!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  @Length(1, 200, { message: 'currentPassword is required' })
  currentPassword!: string;

  @Field(() => String, { description: 'At least 10 characters.' })
  @Length(10, 200, { message: 'newPassword must be 10 to 200 characters long' })
  newPassword!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => String, { description: 'At least 10 characters; the user should change it at the next sign-in.' })
  @Length(10, 200, { message: 'newPassword must be 10 to 200 characters long' })
  newPassword!: string;
}
