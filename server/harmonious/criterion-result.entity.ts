import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Criterion } from './harmonious-enums';
import { HarmoniousParticipation } from './participation.entity';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: 'One line of a scorecard: a criterion met or not, with a note.' })
@Entity('harmonious_criteria')
export class CriterionResult {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @PrimaryColumn({ name: 'participation_id', type: 'bigint' })
  participationId!: string;

  @ManyToOne(() => HarmoniousParticipation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participation_id' })
  participation?: HarmoniousParticipation;

  @Field(() => Criterion)
  @PrimaryColumn({ type: 'enum', enum: Criterion, enumName: 'harmonious_criterion' })
  criterion!: Criterion;

  @Field(() => Boolean)
  @Column({ type: 'boolean' })
  met!: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
