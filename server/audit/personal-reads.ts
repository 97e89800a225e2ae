import type { EntityManager } from 'typeorm';
import { writeAudits } from './audit.service';

/** A personal field a reader saw unmasked. */
export type PersonalDataField = 'idNumber' | 'birthDate' | 'phone' | 'householdIncome' | 'illness' | 'incomeSources' | 'studentName';

export const PERSONAL_DATA_READ = 'personal_data.read';

/**
 * The workers whose personal data one request showed unmasked. The request's answer is sent only
 * after `flush` has written one audit entry per worker (who, which worker, when, which fields),
 * so nothing is read unmasked without a record of it (server/http/audit-reads.ts).
 */
export class PersonalDataReads {
  private readonly workers = new Map<string, { orgId: number; fields: Set<PersonalDataField> }>();

  /** `orgId`: the worker's org, whose subtree's ADMINs read the entry. */
  record(workerId: string, orgId: number, field: PersonalDataField): void {
    let read = this.workers.get(workerId);
    if (!read) {
      read = { orgId, fields: new Set() };
      this.workers.set(workerId, read);
    }
    read.fields.add(field);
  }

  /**
   * A personal value as the caller may see it: itself, recorded, when `allowed` (and there is
   * something to see); else null.
   */
  shown<T>(allowed: boolean, worker: { workerId: string; orgId: number }, field: PersonalDataField, value: T | null): T | null {
    if (!allowed) return null;
    if (value !== null) this.record(worker.workerId, worker.orgId, field);
    return value;
  }

  get size(): number {
    return this.workers.size;
  }

  async flush(db: EntityManager, actorId: number): Promise<void> {
    if (this.workers.size === 0) return;
    const entries = [...this.workers];
    this.workers.clear();
    await writeAudits(
      db,
      actorId,
      entries.map(([workerId, read]) => ({
        orgId: read.orgId,
        action: PERSONAL_DATA_READ,
        subjectType: 'Worker',
        subjectId: workerId,
        before: null,
        after: { fields: [...read.fields].sort() },
      })),
    );
  }
}
