import type { ReactNode } from 'react';

/**
 * A personal field as the server gave it: the value, or for null "无权查看" when the user's role
 * may not read personal data (the server withheld it) and "—" when there is nothing recorded.
 */
export function Personal({
  value,
  readsPersonalData,
  children,
}: {
  value: string | null;
  readsPersonalData: boolean;
  children?: ReactNode;
}) {
  if (value !== null) return <>{children ?? value}</>;
  return readsPersonalData ? <span className="muted">—</span> : <span className="withheld">无权查看</span>;
}

/** An ordinary optional field. */
export function Optional({ value }: { value: string | null | undefined }) {
  return value ? <>{value}</> : <span className="muted">—</span>;
}
