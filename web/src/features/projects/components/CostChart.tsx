import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '@/lib/format';
import type { ProjectSummary } from '@/lib/queries/types';

type Costs = NonNullable<ProjectSummary['costs']>;

/**
 * Budget against the costs (BOM + permits + logistics stacked). Bar lengths are numbers for
 * drawing only; every figure a person reads is formatted from the exact decimal string.
 */
export function CostChart({ costs, currency }: { costs: Costs; currency: string }) {
  const { t } = useTranslation('projects');
  const exact: Record<string, string> = {
    budget: costs.budget,
    bom: costs.bom,
    permits: costs.permits,
    logistics: costs.logistics,
  };
  const rows = [
    { name: t('overview.budget'), budget: Number(costs.budget) },
    {
      name: t('overview.costs'),
      bom: Number(costs.bom),
      permits: Number(costs.permits),
      logistics: Number(costs.logistics),
    },
  ];
  const label = (key: string) => t(`overview.${key}`);
  return (
    <div
      role="img"
      aria-label={`${label('budget')} ${formatMoney(costs.budget, currency)}, ${label('costs')} ${formatMoney(costs.total, currency)}`}
      style={{ width: '100%', height: 160 }}
    >
      <ResponsiveContainer>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 16 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={90} tick={{ fontSize: 12 }} />
          <Tooltip itemStyle={{ color: '#212529' }} formatter={(_value, key) => [formatMoney(exact[String(key)], currency), label(String(key))]} />
          <Legend formatter={(key) => <span style={{ color: '#212529' }}>{label(String(key))}</span>} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="budget" stackId="a" fill="#adb5bd" isAnimationActive={false} />
          <Bar dataKey="bom" stackId="a" fill="#1971c2" isAnimationActive={false} />
          <Bar dataKey="permits" stackId="a" fill="#f08c00" isAnimationActive={false} />
          <Bar dataKey="logistics" stackId="a" fill="#2f9e44" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
