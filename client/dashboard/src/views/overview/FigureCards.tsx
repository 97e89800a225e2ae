import { formatCount, formatWanYuan, formatYuan } from '../../format';
import type { OrgRollup } from './types';

/** The names the browser tests read the cards by (data-testid="figure-<name>"). */
type FigureName =
  | 'orgCount'
  | 'workers'
  | 'members'
  | 'migrantWorkers'
  | 'modelWorkers'
  | 'hardship'
  | 'extreme'
  | 'pairings'
  | 'pairingsLifted'
  | 'reemployed'
  | 'fundsIncome'
  | 'fundsDisbursed'
  | 'fundsBalance'
  | 'harmoniousNamed'
  | 'harmoniousParticipating';

type Figure = { name: FigureName; label: string; note?: string } & ({ count: number; unit: string } | { yuan: string });

interface FigureGroup {
  title: string;
  figures: Figure[];
}

function groupsOf(rollup: OrgRollup): FigureGroup[] {
  const { workers, funds, pairings, harmonious } = rollup;
  return [
    {
      title: '组织与职工',
      figures: [
        { name: 'orgCount', label: '工会组织', count: rollup.orgCount, unit: '个', note: '含本级' },
        { name: 'workers', label: '职工', count: workers.total, unit: '人' },
        { name: 'members', label: '会员', count: workers.members, unit: '人' },
        { name: 'migrantWorkers', label: '农民工', count: workers.migrantWorkers, unit: '人' },
        { name: 'modelWorkers', label: '劳模', count: workers.modelWorkers, unit: '人' },
      ],
    },
    {
      title: '困难职工帮扶',
      figures: [
        { name: 'hardship', label: '困难职工', count: workers.hardship.total, unit: '人', note: '含特困职工' },
        { name: 'extreme', label: '特困职工', count: workers.extremeHardship.total, unit: '人' },
        { name: 'pairings', label: '结对帮扶', count: pairings.total, unit: '户', note: `进行中 ${formatCount(pairings.active)} 户` },
        { name: 'pairingsLifted', label: '结对脱困', count: pairings.lifted, unit: '户' },
        { name: 'reemployed', label: '再就业', count: rollup.reemployed, unit: '人', note: '经工会帮助，累计' },
      ],
    },
    {
      title: '帮扶资金',
      figures: [
        { name: 'fundsIncome', label: '收入', yuan: funds.income },
        { name: 'fundsDisbursed', label: '支出', yuan: funds.disbursed },
        { name: 'fundsBalance', label: '结余', yuan: funds.balance },
      ],
    },
    {
      title: '劳动关系和谐企业',
      figures: [
        { name: 'harmoniousNamed', label: '命名和谐企业', count: harmonious.named, unit: '家', note: '现行有效' },
        {
          name: 'harmoniousParticipating',
          label: '参与创建企业',
          count: harmonious.participatingEnterprises,
          unit: '家',
          note: `职工 ${formatCount(harmonious.participatingWorkers)} 人`,
        },
      ],
    },
  ];
}

/** The headline figures, grouped as the reports group them. */
export function FigureCards({ rollup }: { rollup: OrgRollup }) {
  return (
    <div className="figure-board">
      {groupsOf(rollup).map((group) => (
        <section key={group.title} className="figure-group" style={{ gridColumn: `span ${group.figures.length}` }}>
          <h3>{group.title}</h3>
          <div className="figure-cards" style={{ gridTemplateColumns: `repeat(${group.figures.length}, minmax(0, 1fr))` }}>
            {group.figures.map((figure) => (
              <FigureCard key={figure.name} figure={figure} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function FigureCard({ figure }: { figure: Figure }) {
  // data-value is the API's own value: digits for a count, the exact decimal string for money.
  if ('yuan' in figure)
    return (
      <div className="card" data-testid={`figure-${figure.name}`} data-value={figure.yuan} title={`${formatYuan(figure.yuan)} 元`}>
        <div className="label">{figure.label}</div>
        <div className="value">
          {formatWanYuan(figure.yuan).replace(/ 万$/, '')}
          <span className="unit">万元</span>
        </div>
        <div className="note">{formatYuan(figure.yuan)} 元</div>
      </div>
    );
  return (
    <div className="card" data-testid={`figure-${figure.name}`} data-value={String(figure.count)}>
      <div className="label">{figure.label}</div>
      <div className="value">
        {formatCount(figure.count)}
        <span className="unit">{figure.unit}</span>
      </div>
      {figure.note && <div className="note">{figure.note}</div>}
    </div>
  );
}
