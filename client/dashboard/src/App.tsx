import { useEffect, useMemo, useState } from 'react';
import { DashboardOrgDocument } from '../../sdk';
import { accessAt } from './access';
import { api, onSignedOut, useQuery, type Session } from './api';
import { Breadcrumbs } from './components/Breadcrumbs';
import { OrgTree } from './components/OrgTree';
import { describeError } from './errors';
import { hrefOf, useRoute, type Route, type View } from './route';
import { SignIn } from './SignIn';
import { ORG_LEVEL, ROLE } from './terms';
import { Cases } from './views/Cases';
import { Overview } from './views/Overview';
import { WorkerArchive } from './views/WorkerArchive';
import { Workers } from './views/Workers';

export function App() {
  const [session, setSession] = useState(() => api.session());
  useEffect(() => onSignedOut(() => setSession(null)), []);
  if (!session) return <SignIn onSignedIn={setSession} />;
  return (
    <Dashboard
      session={session}
      onSignOut={() => {
        api.signOut();
        setSession(null);
      }}
    />
  );
}

function Dashboard({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const route = useRoute();
  const viewer = session.viewer;
  const roots = useMemo(() => {
    const byCode = new Map(viewer.assignments.map((a) => [a.org.code, a.org]));
    return [...byCode.values()];
  }, [viewer]);

  // No org in the address: the user's first own org.
  useEffect(() => {
    if (!route.orgCode && roots[0]) window.location.replace(hrefOf({ orgCode: roots[0].code, view: 'overview' }));
  }, [route.orgCode, roots]);

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
        <OrgTree roots={roots} selected={route.orgCode} />
      </aside>
      <main>{route.orgCode && <OrgPage route={route} session={session} />}</main>
    </div>
  );
}

const TABS: { view: View; label: string }[] = [
  { view: 'overview', label: '汇总' },
  { view: 'workers', label: '职工' },
  { view: 'cases', label: '帮扶审批' },
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
        {TABS.map((tab) => (
          <a key={tab.view} href={hrefOf({ orgCode: org.code, view: tab.view })} className={active === tab.view ? 'active' : undefined}>
            {tab.label}
          </a>
        ))}
      </nav>
      {route.view === 'overview' && <Overview org={org} access={access} />}
      {route.view === 'workers' && <Workers org={org} access={access} />}
      {route.view === 'worker' && <WorkerArchive org={org} access={access} workerId={route.workerId!} />}
      {route.view === 'cases' && <Cases org={org} access={access} />}
    </>
  );
}
