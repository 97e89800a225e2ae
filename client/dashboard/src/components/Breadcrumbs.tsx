// 上级组织 as breadcrumbs: those within the user's scope are links, those above it only names.
import type { OrgLevel, SignedInViewer } from '../../../sdk';
import { reaches } from '../access';
import { hrefOf } from '../route';

interface Crumb {
  code: string;
  name: string;
  level: OrgLevel;
}

export function Breadcrumbs({ viewer, ancestors, current }: { viewer: SignedInViewer; ancestors: Crumb[]; current: Crumb }) {
  const trail = [...ancestors, current];
  return (
    <nav className="breadcrumbs" aria-label="上级组织">
      <ol>
        {trail.map((crumb, i) => {
          const codes = trail.slice(0, i + 1).map((c) => c.code);
          const last = i === trail.length - 1;
          return (
            <li key={crumb.code}>
              {last ? (
                <strong aria-current="page">{crumb.name}</strong>
              ) : reaches(viewer, codes) ? (
                <a href={hrefOf({ orgCode: crumb.code, view: 'overview' })}>{crumb.name}</a>
              ) : (
                <span className="muted">{crumb.name}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
