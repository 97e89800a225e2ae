import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireCaller, type Context } from '../context';
import { Org } from '../org/org.entity';
import { RoleAssignment } from './role-assignment.entity';
import { AssignRoleInput, ChangePasswordInput, CreateUserInput, ResetPasswordInput } from './user.inputs';
import { UserService } from './user.service';
import { AuthPayload, Viewer } from './user.types';

@Resolver()
export class UserResolver {
  @Query(() => Viewer, { description: 'The signed-in user.' })
  me(@Ctx() ctx: Context): Promise<Viewer> {
    return new UserService(ctx.db).viewer(requireCaller(ctx).userId);
  }

  @Mutation(() => AuthPayload, { description: 'Exchange a username and password for a bearer token.' })
  login(
    @Ctx() ctx: Context,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
  ): Promise<AuthPayload> {
    return new UserService(ctx.db).login(ctx.keys, username, password, ctx.clientAddress);
  }

  @Mutation(() => AuthPayload, {
    description: 'Change your own password. Your other sign-ins end; the answer carries a new token for this one.',
  })
  changePassword(@Ctx() ctx: Context, @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput): Promise<AuthPayload> {
    return new UserService(ctx.db).changePassword(ctx.keys, requireCaller(ctx), input, ctx.clientAddress);
  }

  @Mutation(() => Viewer, { description: "Set the password of a user of your scope; the user's sign-ins end (ADMIN)." })
  resetPassword(@Ctx() ctx: Context, @Arg('input', () => ResetPasswordInput) input: ResetPasswordInput): Promise<Viewer> {
    return new UserService(ctx.db).resetPassword(requireCaller(ctx), input);
  }

  @Mutation(() => Viewer, { description: 'Disable a user of your scope: they cannot sign in and their tokens stop at once (ADMIN).' })
  disableUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<Viewer> {
    return new UserService(ctx.db).setDisabled(requireCaller(ctx), userId, true);
  }

  @Mutation(() => Viewer, { description: 'Let a disabled user of your scope sign in again (ADMIN).' })
  enableUser(@Ctx() ctx: Context, @Arg('userId', () => ID) userId: string): Promise<Viewer> {
    return new UserService(ctx.db).setDisabled(requireCaller(ctx), userId, false);
  }

  @Mutation(() => Viewer, { description: 'Create a user with roles at orgs in your scope (ADMIN).' })
  createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput): Promise<Viewer> {
    return new UserService(ctx.db).createUser(requireCaller(ctx), input);
  }

  @Mutation(() => Viewer, { description: 'Give a user of your scope a role at an org of your scope (ADMIN).' })
  assignRole(@Ctx() ctx: Context, @Arg('input', () => AssignRoleInput) input: AssignRoleInput): Promise<Viewer> {
    return new UserService(ctx.db).assignRole(requireCaller(ctx), input);
  }

  @Mutation(() => Viewer, { description: 'Take a role away; a user keeps at least one (ADMIN).' })
  revokeRole(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Viewer> {
    return new UserService(ctx.db).revokeRole(requireCaller(ctx), id);
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => Org)
  async org(@Root() assignment: RoleAssignment, @Ctx() ctx: Context): Promise<Org> {
    const org = await ctx.loaders.assignmentOrgById.load(assignment.orgId);
    if (!org) throw new Error(`assignment ${assignment.id} names a missing org`);
    return org;
  }
}
