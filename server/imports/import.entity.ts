import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Org } from '../org/org.entity';
import { User } from '../user/user.entity';
import { RootIdColumn } from '../db/root-id';

export enum ImportMode {
  /** Nothing is written while any row is wrong. */
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  /** The valid rows are written, the wrong ones reported. */
  VALID_ROWS = 'VALID_ROWS',
  /** Checked and counted as if written; nothing is. */
  CHECK_ONLY = 'CHECK_ONLY',
}

export enum ImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  /** Written: every row, or in VALID_ROWS the valid ones. */
  DONE = 'DONE',
  /** Some row or the file is wrong; nothing was written. */
  REJECTED = 'REJECTED',
  /** CHECK_ONLY finished; nothing was written. */
  CHECKED = 'CHECKED',
  /** Stopped by a fault on our side or a conflict with another writer; nothing was written. */
  FAILED = 'FAILED',
}

// One upload of a roster or of archives: who sent what into which org, how far it has got and
// what it did. Kept as the record of who imported what; its problems are kept beside it.
@Entity('imports')
@Index('IDX_imports_org', ['orgId', 'id'])
export class Import {
  // The municipal root, set by the database (migration Imports).
  @RootIdColumn()
  rootId?: number;

  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: 'WORKERS' | 'ARCHIVES';

  @Column({ name: 'org_id', type: 'integer' })
  orgId!: number;

  @ManyToOne(() => Org, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id' })
  org?: Org;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'file_bytes', type: 'bigint' })
  fileBytes!: string;

  @Column({ type: 'enum', enum: ImportMode, enumName: 'import_mode' })
  mode!: ImportMode;

  @Column({ type: 'enum', enum: ImportStatus, enumName: 'import_status', default: ImportStatus.QUEUED })
  status!: ImportStatus;

  /** While RUNNING: READING, CHECKING or WRITING. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  phase!: string | null;

  @Column({ name: 'bytes_read', type: 'bigint', default: 0 })
  bytesRead!: string;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ name: 'rows_to_write', type: 'integer', default: 0 })
  rowsToWrite!: number;

  @Column({ name: 'rows_written', type: 'integer', default: 0 })
  rowsWritten!: number;

  // The outcome, counted once the rows are checked.
  @Column({ type: 'integer', nullable: true })
  created!: number | null;

  @Column({ type: 'integer', nullable: true })
  updated!: number | null;

  @Column({ type: 'integer', nullable: true })
  unchanged!: number | null;

  @Column({ type: 'integer', nullable: true })
  rejected!: number | null;

  /** Blank rows and the template's example row. */
  @Column({ type: 'integer', nullable: true })
  skipped!: number | null;

  /** Headers of the file that are not ours (序号, 备注, …): read past, named so nobody thinks they were kept. */
  @Column({ name: 'ignored_columns', type: 'text', array: true, default: () => "'{}'" })
  ignoredColumns!: string[];

  @Column({ name: 'problem_count', type: 'integer', default: 0 })
  problemCount!: number;

  @Column({ name: 'failure_code', type: 'varchar', length: 32, nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Moved by the server running the import; one that stops moving is an import that died with its server. */
  @Column({ name: 'heartbeat_at', type: 'timestamptz', default: () => 'now()' })
  heartbeatAt!: Date;
}

// Every problem an import found, by row; the value shown is masked where it is personal data.
@Entity('import_problems')
export class ImportProblem {
  @PrimaryColumn({ name: 'import_id', type: 'bigint' })
  importId!: string;

  @ManyToOne(() => Import, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  import?: Import;

  /** The problems' order: by row, then by column. */
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  /** The spreadsheet's row; null for a problem of the whole file. */
  @Column({ name: 'row_number', type: 'integer', nullable: true })
  rowNumber!: number | null;

  @Column({ name: 'column_key', type: 'varchar', length: 32, nullable: true })
  columnKey!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  header!: string | null;

  @Column({ type: 'text', nullable: true })
  value!: string | null;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  message!: string;
}
