import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '@/lib/format';

export interface BudgetRow {
  name: string;
  currency: string;
  budget: string;
  total: string;
}

/** Budget against costs per project (bar lengths only are numbers; labels are exact). */
export function BudgetChart({ rows }: { rows: BudgetRow[] }) {
  const { t } = useTranslation('dashboard');
  const data = rows.map((row) => ({ name: row.name, budget: Number(row.budget), total: Number(row.total), row }));
  return (
    <div
      role="img"
      aria-label={rows.map((r) => `${r.name}: ${formatMoney(r.total, r.currency)} / ${formatMoney(r.budget, r.currency)}`).join('; ')}
      style={{ width: '100%', height: Math.max(140, rows.length * 48 + 40) }}
    >
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 12 }} />
          <Tooltip
            itemStyle={{ color: '#212529' }}
            formatter={(_value, key, item) => {
              const row = (item.payload as { row: BudgetRow }).row;
              return [formatMoney(key === 'budget' ? row.budget : row.total, row.currency), key === 'budget' ? t('budgetLabel') : t('costsLabel')];
            }}
          />
          <Legend
            formatter={(key) => <span style={{ color: '#212529' }}>{key === 'budget' ? t('budgetLabel') : t('costsLabel')}</span>}
            wrapperStyle={{ fontSize: 12 }}
          />
          <Bar dataKey="budget" fill="#adb5bd" isAnimationActive={false} />
          <Bar dataKey="total" fill="#1971c2" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
