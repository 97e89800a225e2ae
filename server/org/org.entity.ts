import { Field, ID, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrgLevel } from './org-level';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: 'A union organisation (工会组织) at one of the four levels.' })
@Entity('orgs')
@Check('CHK_orgs_root_is_municipal', `("parent_id" IS NULL) = ("level" = 'MUNICIPAL')`)
// GiST index on the materialised path: "the subtree of X" is one indexed `path <@ X.path`.
@Index('IDX_orgs_path_gist', { synchronize: false })
export class Org {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Index('IDX_orgs_parent_id')
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId!: number | null;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Org | null;

  @Field(() => String, { description: 'Unique code, e.g. SF01-01-001.' })
  @Index('UQ_orgs_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Field(() => OrgLevel)
  @Column({ type: 'enum', enum: OrgLevel, enumName: 'org_level' })
  level!: OrgLevel;

  /** Ids from the root down to this org, e.g. "1.2.14". */
  @Column({ type: 'ltree' })
  path!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
