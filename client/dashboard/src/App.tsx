import { useEffect, useMemo, useRef, useState } from 'react';
import { DashboardOrgDocument, DashboardScopeDocument } from '../../sdk';
import { accessAt, type Access } from './access';
import { api, onSignedOut, useQuery, type Session } from './api';
import { Breadcrumbs } from './components/Breadcrumbs';
import { ErrorLine } from './components/ErrorLine';
import { OrgTree } from './components/OrgTree';
import { describeError } from './errors';
import { hrefOf, useRoute, type Route, type View } from './route';
import { SignIn } from './SignIn';
import { ORG_LEVEL, ROLE } from './terms';
import { Cases } from './views/Cases';
import { Imports } from './views/Imports';
import { Overview } from './views/Overview';
import { WorkerArchive } from './views/WorkerArchive';
import { Workers } from './views/Workers';

export function App() {
  const [session, setSession] = useState(() => api.session());
  const [notice, setNotice] = useState<string>();
  const lastUser = useRef(session?.viewer.username);
  useEffect(
    () =>
      onSignedOut(() => {
        setSession(null);
        // The address stays: signing in again returns to the same view.
        setNotice('登录已失效，请重新登录。');
      }),
    [],
  );
  const signedIn = (next: Session) => {
    // Someone else at this computer starts at their own org, not the address the last user left.
    if (lastUser.current && lastUser.current !== next.viewer.username) window.history.replaceState(null, '', '#/');
    lastUser.current = next.viewer.username;
    setSession(next);
  };
  if (!session) return <SignIn notice={notice} onSignedIn={signedIn} />;
  return (
    <Dashboard
      session={session}
      onSignOut={() => {
        api.signOut();
        setNotice(undefined);
        setSession(null);
      }}
    />
  );
}

/** The roots of the user's tree: their orgs that do not lie under another of them. */
function useScopeRoots() {
  const { data, error, loading, reload } = useQuery(DashboardScopeDocument, {});
  const roots = useMemo(() => {
    const assigned = data?.me.assignments.map((a) => a.org) ?? [];
    const codes = new Set(assigned.map((org) => org.code));
    const byCode = new Map(assigned.filter((org) => !org.ancestors.some((a) => codes.has(a.code))).map((org) => [org.code, org]));
    return [...byCode.values()];
  }, [data]);
  return { roots, error, loading, reload };
}

function Dashboard({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const route = useRoute();
  const viewer = session.viewer;
  const scope = useScopeRoots();
  const first = scope.roots[0];

  // No org in the address: the user's first own org.
  useEffect(() => {
    if (!route.orgCode && first) window.location.replace(hrefOf({ orgCode: first.code, view: 'overview' }));
  }, [route.orgCode, first]);

  return (
    <div className="layout">
      <header className="top">
        <a className="brand" href="#/">
          工会数据平台
        </a>
        <span className="who">
          {viewer.displayName}（{viewer.assignments.map((a) => `${a.org.name} ${ROLE[a.role]}`).join('，')}）
        </span>
        <button type="button" className="link" onClick={onSignOut}>
          退出
        </button>
      </header>
      <aside>
        {scope.loading ? (
          <p className="muted">加载中…</p>
        ) : scope.error ? (
          <ErrorLine message={describeError(scope.error)} onRetry={scope.reload} />
        ) : (
          <OrgTree roots={scope.roots} selected={route.orgCode} />
        )}
      </aside>
      <main>
        {route.orgCode ? (
          <OrgPage route={route} session={session} />
        ) : (
          !scope.loading && !scope.error && !first && <p className="muted">您的账号尚未在任何组织担任角色，请联系上级工会的管理员。</p>
        )}
      </main>
    </div>
  );
}

// A tab with `shown` is offered only to the roles it names; its address still answers the others, saying why not.
const TABS: { view: View; label: string; shown?: (access: Access) => boolean }[] = [
  { view: 'overview', label: '汇总' },
  { view: 'workers', label: '职工' },
  { view: 'cases', label: '帮扶审批' },
  { view: 'imports', label: '导入', shown: (access) => access.imports },
];

function OrgPage({ route, session }: { route: Route; session: Session }) {
  const code = route.orgCode!;
  const { data, error, loading } = useQuery(DashboardOrgDocument, { code });
  if (loading) return <p className="muted">加载中…</p>;
  if (error) return <p className="error">{describeError(error)}</p>;
  const org = data?.org;
  // Outside the scope answers as not existing: the dashboard says both in one breath.
  if (!org)
    return (
      <section className="not-found" role="alert">
        <h2>找不到组织 {code}</h2>
        <p>该组织不存在，或不在您的管辖范围内。</p>
      </section>
    );
  const access = accessAt(
    session.viewer,
    org.code,
    org.ancestors.map((a) => a.code),
  );
  const active = route.view === 'worker' ? 'workers' : route.view;
  return (
    <>
      <Breadcrumbs viewer={session.viewer} ancestors={org.ancestors} current={org} />
      <div className="org-title">
        <h1>{org.name}</h1>
        <span className="tag">{ORG_LEVEL[org.level]}</span>
        <span className="muted">{org.code}</span>
      </div>
      <nav className="tabs" aria-label="视图">
        {TABS.filter((tab) => tab.shown?.(access) ?? true).map((tab) => (
          <a
            key={tab.view}
            href={hrefOf({ orgCode: org.code, view: tab.view })}
            className={active === tab.view ? 'active' : undefined}
            aria-current={active === tab.view ? 'page' : undefined}
            data-testid={`tab-${tab.view}`}
          >
            {tab.label}
          </a>
        ))}
      </nav>
      {route.view === 'overview' && <Overview org={org} access={access} />}
      {route.view === 'workers' && <Workers org={org} access={access} />}
      {route.view === 'worker' && <WorkerArchive org={org} access={access} workerId={route.workerId!} />}
      {route.view === 'cases' && <Cases org={org} access={access} />}
      {route.view === 'imports' && <Imports org={org} access={access} />}
    </>
  );
}
