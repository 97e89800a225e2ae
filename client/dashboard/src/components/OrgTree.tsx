// The org tree beside the views: the user's own orgs at the top, each child loaded when opened,
// a hundred at a time (a township can hold hundreds of enterprise unions).
import { useState } from 'react';
import { OrgChildrenDocument, type OrgLevel } from '../../../sdk';
import { useQuery } from '../api';
import { describeError } from '../errors';
import { ErrorLine } from './ErrorLine';
import { hrefOf } from '../route';

interface Node {
  code: string;
  name: string;
  level: OrgLevel;
}

export function OrgTree({ roots, selected }: { roots: Node[]; selected: string | null }) {
  return (
    <nav className="org-tree" aria-label="组织树">
      <ul>
        {roots.map((root) => (
          <TreeNode key={root.code} node={root} selected={selected} initiallyOpen />
        ))}
      </ul>
    </nav>
  );
}

function TreeNode({ node, selected, initiallyOpen = false }: { node: Node; selected: string | null; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const leaf = node.level === 'ENTERPRISE';
  return (
    <li>
      <div className={`tree-row${selected === node.code ? ' selected' : ''}`}>
        <button
          type="button"
          className="toggle"
          aria-label={open ? `收起 ${node.name}` : `展开 ${node.name}`}
          disabled={leaf}
          onClick={() => setOpen(!open)}
        >
          {leaf ? '·' : open ? '▾' : '▸'}
        </button>
        <a
          href={hrefOf({ orgCode: node.code, view: 'overview' })}
          title={node.code}
          aria-current={selected === node.code ? 'page' : undefined}
        >
          {node.name}
        </a>
      </div>
      {open && !leaf && <Children code={node.code} selected={selected} />}
    </li>
  );
}

function Children({ code, selected }: { code: string; selected: string | null }) {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <ul>
      {pages.map((after, i) => (
        <ChildPage
          key={after ?? 'first'}
          code={code}
          after={after}
          selected={selected}
          // A second click before the next page renders must not ask for the same page twice.
          onMore={
            i === pages.length - 1 ? (cursor) => setPages((shown) => (shown.includes(cursor) ? shown : [...shown, cursor])) : undefined
          }
        />
      ))}
    </ul>
  );
}

function ChildPage(props: { code: string; after: string | null; selected: string | null; onMore?: (cursor: string) => void }) {
  const { data, error, loading, reload } = useQuery(OrgChildrenDocument, { code: props.code, first: 100, after: props.after });
  if (loading) return <li className="muted">加载中…</li>;
  if (error || !data?.org)
    return (
      <li>
        <ErrorLine message={`无法加载下级组织：${error ? describeError(error) : '该组织已不在您的管辖范围内'}`} onRetry={reload} />
      </li>
    );
  const { edges, pageInfo, totalCount } = data.org.children;
  return (
    <>
      {edges.map(({ node }) => (
        <TreeNode key={node.code} node={node} selected={props.selected} />
      ))}
      {pageInfo.hasNextPage && props.onMore && pageInfo.endCursor && (
        <li>
          <button type="button" className="link" onClick={() => props.onMore!(pageInfo.endCursor!)}>
            更多（共 {totalCount} 个）
          </button>
        </li>
      )}
    </>
  );
}
