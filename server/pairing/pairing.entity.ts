import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../common/scalars';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { Worker } from '../worker/worker.entity';
import { PairingEndReason } from './pairing-enums';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: '一帮一 / 结对帮扶: a cadre paired with a hardship worker’s family until it is lifted.' })
@Entity('pairings')
@Check('CHK_pairings_end', '("ended_on" IS NULL) = ("end_reason" IS NULL) AND ("ended_on" IS NULL OR "ended_on" >= "started_on")')
@Index('IDX_pairings_worker_id', ['workerId'])
// One cadre per family at a time.
@Index('UQ_pairings_open_per_worker', ['workerId'], { unique: true, where: '"ended_on" IS NULL' })
export class Pairing {
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

  @Field(() => String, { description: 'The cadre (干部) who helps the family.' })
  @Column({ name: 'cadre_name', type: 'varchar', length: 50 })
  cadreName!: string;

  @Field(() => String, { description: 'The cadre’s post.' })
  @Column({ name: 'cadre_post', type: 'varchar', length: 100 })
  cadrePost!: string;

  @Column({ name: 'cadre_org_id', type: 'integer' })
  cadreOrgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_org_id' })
  cadreOrg?: Org;

  @Field(() => DateScalar)
  @Column({ name: 'started_on', type: 'date' })
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn!: string | null;

  @Field(() => PairingEndReason, { nullable: true })
  @Column({ name: 'end_reason', type: 'enum', enum: PairingEndReason, enumName: 'pairing_end_reason', nullable: true })
  endReason!: PairingEndReason | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'end_note', type: 'text', nullable: true })
  endNote!: string | null;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
