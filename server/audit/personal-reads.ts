import type { DataSource } from 'typeorm';

/** A personal field a reader saw unmasked. */
export type PersonalDataField = 'idNumber' | 'birthDate' | 'phone' | 'householdIncome' | 'illness' | 'incomeSources' | 'studentName';

export const PERSONAL_DATA_READ = 'personal_data.read';

/**
 * The workers whose personal data one request showed unmasked. The request's answer is sent only
 * after `flush` has written one audit entry per worker (who, which worker, when, which fields),
 * so nothing is read unmasked without a record of it.
 */
export class PersonalDataReads {
  private readonly workers = new Map<string, { orgId: number; fields: Set<PersonalDataField> }>();

  /** `orgPath`: the path of the worker's org, whose subtree's ADMINs read the entry. */
  record(workerId: string, orgPath: string, field: PersonalDataField): void {
    let read = this.workers.get(workerId);
    if (!read) {
      read = { orgId: Number(orgPath.slice(orgPath.lastIndexOf('.') + 1)), fields: new Set() };
      this.workers.set(workerId, read);
    }
    read.fields.add(field);
  }

  get size(): number {
    return this.workers.size;
  }

  async flush(db: DataSource, actorId: number): Promise<void> {
    if (this.workers.size === 0) return;
    const entries = [...this.workers];
    this.workers.clear();
    await db.query(
      `INSERT INTO audit_entries (org_id, actor_id, action, subject_type, subject_id, after)
       SELECT v.org_id, $1, '${PERSONAL_DATA_READ}', 'Worker', v.worker_id, jsonb_build_object('fields', v.fields)
       FROM unnest($2::int[], $3::bigint[], $4::jsonb[]) AS v(org_id, worker_id, fields)`,
      [
        actorId,
        entries.map(([, read]) => read.orgId),
        entries.map(([workerId]) => workerId),
        entries.map(([, read]) => JSON.stringify([...read.fields].sort())),
      ],
    );
  }
}
