import { SimpleGrid, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/format';
import { useProjectSummary } from '@/lib/queries/project';
import '../i18n';

/** Group subtotals by category and by status, as the server sums them (the project summary). */
export function Subtotals({ projectId, showPrices, currency }: { projectId: string; showPrices: boolean; currency: string }) {
  const { t } = useTranslation('bom');
  const summary = useProjectSummary(projectId);
  const bom = summary.data?.bom;
  if (!bom) return null;
  const table = (title: string, column: string, groups: typeof bom.by_category, label: (key: string | null | undefined) => string) => (
    <div>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Table aria-label={title} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{column}</Table.Th>
            <Table.Th ta="right">{t('subtotals.count')}</Table.Th>
            {showPrices && <Table.Th ta="right">{t('total')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Table.Tr key={group.key ?? ''}>
              <Table.Td>{label(group.key)}</Table.Td>
              <Table.Td ta="right">{group.count}</Table.Td>
              {showPrices && <Table.Td ta="right">{formatMoney(group.total_price, currency)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="sm">
      {table(t('subtotals.byCategory'), t('columns.category'), bom.by_category, (key) => key || t('subtotals.none'))}
      {table(t('subtotals.byStatus'), t('columns.status'), bom.by_status, (key) => t(`status.${key ?? ''}`, { defaultValue: key ?? '' }))}
    </SimpleGrid>
  );
}
