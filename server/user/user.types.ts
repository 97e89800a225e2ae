import { Field, ID, ObjectType } from 'type-graphql';
import { RoleAssignment } from './role-assignment.entity';

@ObjectType({ description: 'The signed-in user.' })
export class Viewer {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean, { description: 'A disabled account cannot sign in, and its tokens do not work.' })
  disabled!: boolean;

  @Field(() => [RoleAssignment])
  assignments!: RoleAssignment[];
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token!: string;

  @Field(() => String, { description: 'When the token stops working, ISO 8601.' })
  expiresAt!: string;

  @Field(() => Viewer)
  viewer!: Viewer;
}
