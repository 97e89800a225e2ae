import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { RootIdColumn } from '../db/root-id';

// A change's entry is written in the transaction of the change (a read's, before its answer is
// sent: server/audit/personal-reads.ts); never changed or deleted. before/after
// hold the record's state, never personal data (no ID numbers, incomes, illnesses or names).
@ObjectType({
  description:
    "One change to money or a case (who, when, what, and the state before and after), or one read of a worker's personal data unmasked (action personal_data.read; after lists the fields).",
})
@Entity('audit_entries')
@Index('IDX_audit_entries_org', ['orgId', 'id'])
@Index('IDX_audit_entries_subject', ['subjectType', 'subjectId'])
export class AuditEntry {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  // The org whose subtree may read this entry.
  @Column({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @Column({ name: 'actor_id', type: 'integer' })
  actorId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @Field(() => Date)
  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;

  @Field(() => String, { description: 'What was done, e.g. ledger.allocate, case.approve, personal_data.read.' })
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Field(() => String, { description: 'Worker, LedgerEntry, AssistanceCase, Pairing, …' })
  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Field(() => ID)
  @Column({ name: 'subject_id', type: 'bigint' })
  subjectId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
