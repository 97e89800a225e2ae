import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar, MoneyScalar } from '../common/scalars';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { Worker } from '../worker/worker.entity';
import { AssistanceProgramme, AssistanceStatus, Festival } from './assistance-enums';
import { RootIdColumn } from '../db/root-id';

// Each programme carries its own details, and only those.
const DETAILS = `
  ("programme" = 'WARMTH') = ("festival" IS NOT NULL AND "cash_fen" IS NOT NULL AND "in_kind_fen" IS NOT NULL AND "cash_fen" + "in_kind_fen" = "amount_fen")
  AND ("programme" IN ('WARMTH', 'EDUCATION')) = ("year" IS NOT NULL)
  AND ("programme" = 'EDUCATION') = ("student_name" IS NOT NULL AND "school" IS NOT NULL)
  AND ("programme" = 'MEDICAL') = ("illness" IS NOT NULL)
  AND ("programme" IN ('SKILLS', 'EMPLOYMENT')) = ("course" IS NOT NULL)
  AND ("reemployed" IS NULL OR ("programme" IN ('SKILLS', 'EMPLOYMENT') AND "status" = 'DISBURSED' AND "outcome_on" IS NOT NULL))`;

// Who moved the case, as it moved: approval names the paying org, disbursement the day paid.
const STEPS = `
  ("status" IN ('APPROVED', 'DISBURSED')) = ("approved_by" IS NOT NULL AND "approved_at" IS NOT NULL AND "paying_org_id" IS NOT NULL)
  AND ("status" = 'REJECTED') = ("rejected_by" IS NOT NULL AND "rejected_at" IS NOT NULL AND "reject_reason" IS NOT NULL)
  AND ("status" = 'DISBURSED') = ("disbursed_by" IS NOT NULL AND "disbursed_at" IS NOT NULL AND "disbursed_on" IS NOT NULL)
  AND ("approved_by" IS NULL OR "approved_by" <> "applied_by")`;

@ObjectType({ description: 'An application for assistance under one programme, from application to payment.' })
@Entity('assistance_cases')
@Check('CHK_assistance_cases_amount', '"amount_fen" >= 0')
@Check('CHK_assistance_cases_warmth_parts', '"cash_fen" >= 0 AND "in_kind_fen" >= 0')
@Check('CHK_assistance_cases_details', DETAILS.replace(/\s+/g, ' ').trim())
@Check('CHK_assistance_cases_steps', STEPS.replace(/\s+/g, ' ').trim())
@Index('IDX_assistance_cases_worker_id', ['workerId'])
@Index('IDX_assistance_cases_paying_org', ['payingOrgId', 'disbursedOn'])
// 送温暖 once per festival and year, 助学 once per student and school year (a rejected case does not count).
@Index('UQ_assistance_cases_warmth', ['workerId', 'festival', 'year'], {
  unique: true,
  where: `"programme" = 'WARMTH' AND "status" <> 'REJECTED'`,
})
@Index('UQ_assistance_cases_education', ['workerId', 'studentName', 'year'], {
  unique: true,
  where: `"programme" = 'EDUCATION' AND "status" <> 'REJECTED'`,
})
export class AssistanceCase {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'worker_id', type: 'bigint' })
  workerId!: string;

  @ManyToOne(() => Worker, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'worker_id' })
  worker?: Worker;

  @Field(() => AssistanceProgramme)
  @Column({ type: 'enum', enum: AssistanceProgramme, enumName: 'assistance_programme' })
  programme!: AssistanceProgramme;

  @Field(() => AssistanceStatus)
  @Column({ type: 'enum', enum: AssistanceStatus, enumName: 'assistance_status', default: AssistanceStatus.APPLIED })
  status!: AssistanceStatus;

  @Field(() => MoneyScalar, { name: 'amount', description: 'What the fund pays; for 送温暖, cash plus the value of the goods.' })
  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen!: string;

  @Field(() => Festival, { nullable: true, description: '送温暖: the festival of the visit.' })
  @Column({ type: 'enum', enum: Festival, enumName: 'festival', nullable: true })
  festival!: Festival | null;

  @Field(() => Int, { nullable: true, description: '送温暖: the year of the festival; 助学: the school year it starts in.' })
  @Column({ type: 'integer', nullable: true })
  year!: number | null;

  @Field(() => MoneyScalar, { name: 'cash', nullable: true, description: '送温暖: the cash handed over.' })
  @Column({ name: 'cash_fen', type: 'bigint', nullable: true })
  cashFen!: string | null;

  @Field(() => MoneyScalar, { name: 'inKindValue', nullable: true, description: '送温暖: the value of the goods.' })
  @Column({ name: 'in_kind_fen', type: 'bigint', nullable: true })
  inKindFen!: string | null;

  @Field(() => String, { nullable: true, description: '送温暖: what the goods were (rice, oil, ...).' })
  @Column({ type: 'text', nullable: true })
  goods!: string | null;

  // Personal data (a child's name): exposed through the resolver, masked for VIEWER and FINANCE.
  @Column({ name: 'student_name', type: 'varchar', length: 50, nullable: true })
  studentName!: string | null;

  @Field(() => String, { nullable: true, description: '助学: the school or college.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  school!: string | null;

  // Personal data: exposed through the resolver, masked for VIEWER and FINANCE.
  @Column({ type: 'text', nullable: true })
  illness!: string | null;

  @Field(() => String, { nullable: true, description: '助技: the training course; 助岗: the placement or job fair.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  course!: string | null;

  @Field(() => Boolean, { nullable: true, description: '助技 / 助岗: re-employed afterwards; null until the outcome is recorded.' })
  @Column({ type: 'boolean', nullable: true })
  reemployed!: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the outcome was known.' })
  @Column({ name: 'outcome_on', type: 'date', nullable: true })
  outcomeOn!: string | null;

  @Column({ name: 'applied_by', type: 'integer' })
  appliedBy!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applied_by' })
  applicant?: User;

  @Field(() => Date)
  @CreateDateColumn({ name: 'applied_at', type: 'timestamptz' })
  appliedAt!: Date;

  @Column({ name: 'paying_org_id', type: 'integer', nullable: true })
  payingOrgId!: number | null;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'paying_org_id' })
  payingOrg?: Org;

  @Column({ name: 'approved_by', type: 'integer', nullable: true })
  approvedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by' })
  approver?: User;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'rejected_by', type: 'integer', nullable: true })
  rejectedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rejected_by' })
  rejecter?: User;

  @Column({ name: 'rejected_at', type: 'timestamptz', nullable: true })
  rejectedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason!: string | null;

  @Column({ name: 'disbursed_by', type: 'integer', nullable: true })
  disbursedBy!: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'disbursed_by' })
  disburser?: User;

  @Column({ name: 'disbursed_at', type: 'timestamptz', nullable: true })
  disbursedAt!: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was paid.' })
  @Column({ name: 'disbursed_on', type: 'date', nullable: true })
  disbursedOn!: string | null;
}
