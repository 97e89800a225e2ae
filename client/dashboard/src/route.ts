// Where the dashboard is, kept in the address's hash so that a link or a reload opens the same view:
// #/org/SF01, #/org/SF01/workers, #/org/SF01/workers/<id>, #/org/SF01/cases, #/org/SF01/imports.
import { useEffect, useState } from 'react';

export type View = 'overview' | 'workers' | 'worker' | 'cases' | 'imports';

export interface Route {
  orgCode: string | null;
  view: View;
  workerId?: string;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeOrKeep);
  if (parts[0] !== 'org' || !parts[1]) return { orgCode: null, view: 'overview' };
  const orgCode = parts[1];
  if (parts[2] === 'workers' && parts[3]) return { orgCode, view: 'worker', workerId: parts[3] };
  if (parts[2] === 'workers') return { orgCode, view: 'workers' };
  if (parts[2] === 'cases') return { orgCode, view: 'cases' };
  if (parts[2] === 'imports') return { orgCode, view: 'imports' };
  return { orgCode, view: 'overview' };
}

// A mistyped or cut link (a lone %) would otherwise throw and blank the whole dashboard.
function decodeOrKeep(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function hrefOf(route: Route): string {
  if (!route.orgCode) return '#/';
  const base = `#/org/${encodeURIComponent(route.orgCode)}`;
  switch (route.view) {
    case 'overview':
      return base;
    case 'workers':
      return `${base}/workers`;
    case 'worker':
      return `${base}/workers/${encodeURIComponent(route.workerId ?? '')}`;
    case 'cases':
      return `${base}/cases`;
    case 'imports':
      return `${base}/imports`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return route;
}
