import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateScalar } from '../common/scalars';
import { Worker } from '../worker/worker.entity';
import { HardshipCause } from './hardship-enums';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: '困难职工档案 (一人一档): the file kept on a hardship worker; closed when lifted, never deleted.' })
@Entity('hardship_archives')
@Check('CHK_hardship_archives_household_size', '"household_size" BETWEEN 1 AND 30')
@Check('CHK_hardship_archives_income', '"household_monthly_income_fen" >= 0')
@Check('CHK_hardship_archives_lifted', '"lifted_on" IS NULL OR "lifted_on" >= "opened_on"')
// One open archive per worker at a time; closed ones are the history.
@Index('UQ_hardship_archives_open_per_worker', ['workerId'], { unique: true, where: '"lifted_on" IS NULL' })
export class HardshipArchive {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index('IDX_hardship_archives_worker_id')
  @Column({ name: 'worker_id', type: 'bigint' })
  workerId!: string;

  @ManyToOne(() => Worker, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'worker_id' })
  worker?: Worker;

  @Field(() => Int, { description: 'People in the household.' })
  @Column({ name: 'household_size', type: 'integer' })
  householdSize!: number;

  // Personal data: exposed through the resolver, masked for VIEWER and FINANCE.
  @Column({ name: 'household_monthly_income_fen', type: 'bigint' })
  householdMonthlyIncomeFen!: string;

  @Field(() => [HardshipCause])
  @Column({ type: 'enum', enum: HardshipCause, enumName: 'hardship_cause', array: true })
  causes!: HardshipCause[];

  @Column({ type: 'text', nullable: true })
  illness!: string | null;

  @Column({ name: 'income_sources', type: 'text', nullable: true })
  incomeSources!: string | null;

  @Field(() => String, { nullable: true, description: 'Skills the worker has.' })
  @Column({ type: 'text', nullable: true })
  skills!: string | null;

  @Field(() => String, { nullable: true, description: 'Jobs the worker would take.' })
  @Column({ name: 'job_wishes', type: 'text', nullable: true })
  jobWishes!: string | null;

  @Field(() => String, { nullable: true, description: '一户一策: the plan for the household.' })
  @Column({ type: 'text', nullable: true })
  plan!: string | null;

  @Field(() => DateScalar)
  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: '脱困: when the worker was lifted out of hardship.' })
  @Column({ name: 'lifted_on', type: 'date', nullable: true })
  liftedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'lift_reason', type: 'text', nullable: true })
  liftReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
