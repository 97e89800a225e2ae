import { Column, Entity, PrimaryColumn } from 'typeorm';

// Failed sign-ins, per username and per address, kept in the database so that every server
// behind the load balancer counts the same attempts (server/auth/throttle.ts).
@Entity('sign_in_throttles')
export class SignInThrottle {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind!: 'user' | 'address';

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt!: Date | null;
}
