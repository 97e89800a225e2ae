import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../common/scalars';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { NamingLevel } from './harmonious-enums';
import { HarmoniousParticipation } from './participation.entity';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: '命名: an enterprise named a harmonious labour-relations enterprise at a level for a year.' })
@Entity('harmonious_namings')
@Check(
  'CHK_harmonious_namings_revoked',
  '("revoked_on" IS NULL) = ("revoke_reason" IS NULL) AND ("revoked_on" IS NULL OR "revoked_on" >= "named_on")',
)
@Check('CHK_harmonious_namings_revoker', '("revoked_on" IS NULL) = ("revoked_by" IS NULL)')
@Index('IDX_harmonious_namings_participation', ['participationId'])
@Index('IDX_harmonious_namings_org', ['orgId'])
// One naming per enterprise, year and level, unless revoked.
@Index('UQ_harmonious_namings_current', ['orgId', 'year', 'level'], { unique: true, where: '"revoked_on" IS NULL' })
export class HarmoniousNaming {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'participation_id', type: 'bigint' })
  participationId!: string;

  @ManyToOne(() => HarmoniousParticipation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participation_id' })
  participation?: HarmoniousParticipation;

  @Column({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => NamingLevel)
  @Column({ type: 'enum', enum: NamingLevel, enumName: 'naming_level' })
  level!: NamingLevel;

  @Column({ name: 'named_by_org_id', type: 'integer' })
  namedByOrgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'named_by_org_id' })
  namedByOrg?: Org;

  @Column({ name: 'named_by', type: 'integer' })
  namedBy!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'named_by' })
  namer?: User;

  @Field(() => DateScalar)
  @Column({ name: 'named_on', type: 'date' })
  namedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'From this day the naming no longer counts.' })
  @Column({ name: 'revoked_on', type: 'date', nullable: true })
  revokedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  @Column({ name: 'revoked_by', type: 'integer', nullable: true })
  revokedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'revoked_by' })
  revoker?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
