import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { RoleAssignment } from './role-assignment.entity';

@ObjectType({ description: 'A person who signs in.' })
@Entity('users')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Field(() => String)
  @Index('UQ_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Field(() => String)
  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  // argon2id; never selected unless asked for by name.
  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash!: string;

  // Set when an ADMIN disables the account: its tokens stop at once and it cannot sign in.
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  // Raised when the password changes or the account is disabled; a token carries the value it
  // was issued under and stops working once it differs (server/auth/caller.ts).
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @OneToMany(() => RoleAssignment, (assignment) => assignment.user)
  assignments?: RoleAssignment[];
}
