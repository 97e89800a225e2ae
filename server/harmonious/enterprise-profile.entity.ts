import { Field, Int, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Org } from '../org/org.entity';
import { Ownership } from './harmonious-enums';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: 'What the federation keeps on the enterprise an enterprise union belongs to.' })
@Entity('enterprise_profiles')
@Check('CHK_enterprise_profiles_employees', '"employees" >= 0')
@Index('UQ_enterprise_profiles_credit_code', ['creditCode'], { unique: true })
export class EnterpriseProfile {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @PrimaryColumn({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @OneToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @Field(() => String, { description: '统一社会信用代码: 18 characters with its check character (GB 32100).' })
  @Column({ name: 'credit_code', type: 'char', length: 18 })
  creditCode!: string;

  @Field(() => Ownership)
  @Column({ type: 'enum', enum: Ownership, enumName: 'ownership' })
  ownership!: Ownership;

  @Field(() => String)
  @Column({ type: 'varchar', length: 50 })
  industry!: string;

  @Field(() => Int, { description: 'Number of employees.' })
  @Column({ type: 'integer' })
  employees!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
