import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Org } from '../org/org.entity';
import { RootIdColumn } from '../db/root-id';

// An org's fund (帮扶资金账户). The balance is kept by the same transaction that writes each
// ledger entry, with a conditional update, and the CHECK is the last line against overdrafts.
@Entity('fund_accounts')
@Check('CHK_fund_accounts_not_overdrawn', '"balance_fen" >= 0')
export class FundAccount {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @PrimaryColumn({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @OneToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @Column({ name: 'balance_fen', type: 'bigint', default: 0 })
  balanceFen!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
