import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Org } from '../org/org.entity';
import { Education, EmploymentStatus, Gender } from './worker-enums';
import { RootIdColumn } from '../db/root-id';

@ObjectType({ description: '职工: a worker registered at one org.' })
@Entity('workers')
export class Worker {
  // The municipal root, set by the database (migration RootIds).
  @RootIdColumn()
  rootId?: number;

  // bigint comes back from pg as a string, which is what GraphQL's ID wants.
  @Field(() => ID)
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Index('IDX_workers_org_id')
  @Column({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @Field(() => String)
  @Column({ type: 'varchar', length: 50 })
  name!: string;

  // 居民身份证号码, encrypted (server/worker/personal-data.ts); personal data, masked for VIEWER
  // and FINANCE by the resolver.
  @Column({ name: 'id_number_cipher', type: 'bytea' })
  idNumberCipher!: Buffer;

  // The keyed hash of the ID number: one worker per number, found by exact number.
  @Index('UQ_workers_id_number_hash', { unique: true })
  @Column({ name: 'id_number_hash', type: 'bytea' })
  idNumberHash!: Buffer;

  @Field(() => Gender)
  @Column({ type: 'enum', enum: Gender, enumName: 'gender' })
  gender!: Gender;

  // The date the ID number encodes; personal data (with it the masked ID number could be rebuilt).
  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Field(() => Education)
  @Column({ type: 'enum', enum: Education, enumName: 'education' })
  education!: Education;

  @Field(() => EmploymentStatus)
  @Column({ name: 'employment_status', type: 'enum', enum: EmploymentStatus, enumName: 'employment_status' })
  employmentStatus!: EmploymentStatus;

  @Field(() => Boolean, { description: '会员: has joined the union' })
  @Column({ name: 'is_member', type: 'boolean' })
  isMember!: boolean;

  @Field(() => Boolean, { description: '农民工: rural-registered worker' })
  @Column({ name: 'is_migrant_worker', type: 'boolean' })
  isMigrantWorker!: boolean;

  @Field(() => Boolean, { description: '劳模: model worker' })
  @Column({ name: 'is_model_worker', type: 'boolean' })
  isModelWorker!: boolean;

  // Encrypted like the ID number.
  @Column({ name: 'phone_cipher', type: 'bytea', nullable: true })
  phoneCipher!: Buffer | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
