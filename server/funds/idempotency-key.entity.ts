import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { RootIdColumn } from '../db/root-id';

// What a money-moving call with this key did, within the org it acted for: its result, or the
// error it failed with, so that a repeat answers the same and moves nothing.
@Entity('idempotency_keys')
export class IdempotencyKey {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @PrimaryColumn({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'varchar', length: 40 })
  operation!: string;

  // sha256 of the operation's input, to tell a repeat from a different call with the same key.
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'result_id', type: 'bigint', nullable: true })
  resultId!: string | null;

  // { code, reason, message, field } of the first failure.
  @Column({ type: 'jsonb', nullable: true })
  error!: Record<string, string> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
