import type { ViewProps } from './types';
import { WorkerList } from './workers/WorkerList';
import './lists.css';
import './workers/workers.css';

/** 职工: the workers of the selected org's subtree. */
export function Workers({ org, access }: ViewProps) {
  // A new org starts on its first page, its own lookup and export.
  return <WorkerList key={org.id} org={org} access={access} />;
}
