import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn, Check } from 'typeorm';
import { Org } from '../org/org.entity';
import type { Criterion } from './harmonious-enums';

// A municipality's scorecard: the weight of each criterion (summing to 100) and the pass mark.
// Without a row the defaults apply (scoring.ts).
@Entity('harmonious_scoring')
@Check('CHK_harmonious_scoring_pass_mark', '"pass_mark" BETWEEN 1 AND 100')
export class HarmoniousScoring {
  @PrimaryColumn({ name: 'root_org_id', type: 'integer' })
  rootOrgId!: number;

  @OneToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'root_org_id' })
  root?: Org;

  @Column({ type: 'jsonb' })
  weights!: Record<Criterion, number>;

  @Column({ name: 'pass_mark', type: 'integer' })
  passMark!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
