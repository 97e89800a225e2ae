import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: '创建活动: an enterprise taking part in one year’s harmonious campaign, with its scorecard.' })
@Entity('harmonious_participations')
@Check('CHK_harmonious_participations_workers', '"participating_workers" >= 0')
@Check('CHK_harmonious_participations_score', '("score" IS NULL) = ("passed" IS NULL) AND ("score" IS NULL OR "score" BETWEEN 0 AND 100)')
@Check(
  'CHK_harmonious_participations_assessed',
  '("score" IS NULL) = ("assessed_by" IS NULL) AND ("score" IS NULL) = ("assessed_at" IS NULL)',
)
@Index('UQ_harmonious_participations_org_year', ['orgId', 'year'], { unique: true })
export class HarmoniousParticipation {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @Field(() => Int)
  @Column({ type: 'integer' })
  year!: number;

  @Field(() => Int, { description: 'Workers of the enterprise taking part.' })
  @Column({ name: 'participating_workers', type: 'integer' })
  participatingWorkers!: number;

  @Field(() => Int, { nullable: true, description: 'Out of 100, by the municipality’s weights when assessed; null until assessed.' })
  @Column({ type: 'integer', nullable: true })
  score!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Score at or above the pass mark in force when assessed.' })
  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;

  @Column({ name: 'assessed_by', type: 'integer', nullable: true })
  assessedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessed_by' })
  assessor?: User;

  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true })
  assessedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
