import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AssistanceCase } from '../assistance/assistance-case.entity';
import { DateScalar, MoneyScalar } from '../common/scalars';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { Worker } from '../worker/worker.entity';
import { IncomeSource, LedgerEntryKind } from './funds-enums';
import { RootIdColumn } from '../db/root-id';

// The two accounts of an entry: an org's fund (from_org_id / to_org_id), the outside world (no
// from org, with a source) or the worker paid (no to org, with the case and worker).
const SHAPES = `
  ("kind" = 'INCOME' AND "from_org_id" IS NULL AND "to_org_id" IS NOT NULL AND "source" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NULL)
  OR ("kind" = 'ALLOCATION' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NOT NULL AND "source" IS NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NULL)
  OR ("kind" = 'PAYMENT' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NULL AND "source" IS NULL AND "case_id" IS NOT NULL AND "worker_id" IS NOT NULL AND "reverses_entry_id" IS NULL)
  OR ("kind" = 'INCOME_REVERSAL' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NULL AND "source" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NOT NULL)
  OR ("kind" = 'ALLOCATION_REVERSAL' AND "from_org_id" IS NOT NULL AND "to_org_id" IS NOT NULL AND "case_id" IS NULL AND "reverses_entry_id" IS NOT NULL)`;

@ObjectType({ description: 'One movement of money between two accounts; never changed or deleted: corrections are new entries.' })
@Entity('ledger_entries')
@Check('CHK_ledger_entries_amount', '"amount_fen" > 0')
// Only a payment names a worker.
@Check('CHK_ledger_entries_worker', '("kind" = \'PAYMENT\') = ("worker_id" IS NOT NULL)')
@Check('CHK_ledger_entries_shape', SHAPES.replace(/\s+/g, ' ').trim())
@Index('IDX_ledger_entries_to_org', ['toOrgId', 'entryDate'])
@Index('IDX_ledger_entries_from_org', ['fromOrgId', 'entryDate'])
// Never paid twice: one payment per case, whatever reaches the database.
@Index('UQ_ledger_entries_payment_case', ['caseId'], { unique: true, where: `"kind" = 'PAYMENT'` })
// An entry is corrected at most once.
@Index('UQ_ledger_entries_reverses', ['reversesEntryId'], { unique: true, where: '"reverses_entry_id" IS NOT NULL' })
export class LedgerEntry {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Field(() => LedgerEntryKind)
  @Column({ type: 'enum', enum: LedgerEntryKind, enumName: 'ledger_entry_kind' })
  kind!: LedgerEntryKind;

  @Column({ name: 'from_org_id', type: 'integer', nullable: true })
  fromOrgId!: number | null;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_org_id' })
  fromOrg?: Org;

  @Column({ name: 'to_org_id', type: 'integer', nullable: true })
  toOrgId!: number | null;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_org_id' })
  toOrg?: Org;

  @Field(() => IncomeSource, { nullable: true, description: 'For income and its reversal: where the money came from.' })
  @Column({ type: 'enum', enum: IncomeSource, enumName: 'income_source', nullable: true })
  source!: IncomeSource | null;

  @Column({ name: 'case_id', type: 'bigint', nullable: true })
  caseId!: string | null;

  @ManyToOne(() => AssistanceCase, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  assistanceCase?: AssistanceCase;

  @Column({ name: 'worker_id', type: 'bigint', nullable: true })
  workerId!: string | null;

  @ManyToOne(() => Worker, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'worker_id' })
  worker?: Worker;

  @Field(() => MoneyScalar, { name: 'amount' })
  @Column({ name: 'amount_fen', type: 'bigint' })
  amountFen!: string;

  @Field(() => DateScalar, { description: 'The day the money moved.' })
  @Column({ name: 'entry_date', type: 'date', default: () => 'CURRENT_DATE' })
  entryDate!: string;

  @Column({ name: 'reverses_entry_id', type: 'bigint', nullable: true })
  reversesEntryId!: string | null;

  @ManyToOne(() => LedgerEntry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reverses_entry_id' })
  reverses?: LedgerEntry;

  @Field(() => String, { nullable: true, description: 'Why, for a correction; what it was, for income.' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'integer' })
  recordedBy!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: User;

  @Field(() => Date)
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
