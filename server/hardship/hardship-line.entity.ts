import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar, MoneyScalar } from '../common/scalars';
import { Org } from '../org/org.entity';

@ObjectType({ description: 'The hardship and extreme-hardship lines of a municipality, per person per month, from a date on.' })
@Entity('hardship_lines')
@Index('UQ_hardship_lines_root_from', ['rootOrgId', 'effectiveFrom'], { unique: true })
@Check('CHK_hardship_lines_order', '"extreme_line_fen" > 0 AND "extreme_line_fen" <= "hardship_line_fen"')
export class HardshipLine {
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** The municipal org whose tree these lines apply to. */
  @Column({ name: 'root_org_id', type: 'integer' })
  rootOrgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'root_org_id' })
  rootOrg?: Org;

  @Field(() => DateScalar)
  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Field(() => MoneyScalar, { name: 'hardshipLine', description: '困难线: hardship below this per person per month.' })
  @Column({ name: 'hardship_line_fen', type: 'bigint' })
  hardshipLineFen!: string;

  @Field(() => MoneyScalar, { name: 'extremeLine', description: '特困线: extreme hardship below this per person per month.' })
  @Column({ name: 'extreme_line_fen', type: 'bigint' })
  extremeLineFen!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
