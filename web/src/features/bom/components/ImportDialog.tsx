import { Alert, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyDone } from '@/components/ui/confirm';
import { ScrollTable } from '@/components/ui/TableParts';
import { ApiProblem } from '@/lib/api/problem';
import { errorMessage } from '@/lib/errors';
import { fieldErrorText } from '@/lib/fieldErrors';
import { formatMoney } from '@/lib/format';
import { useImport, type ImportReport } from '../api/bom';
import '../i18n';

/**
 * Import in two steps, as people expect from a careful tool: the server checks the whole file
 * (a dry run) and lists every bad row and column; only a clean file can be imported.
 */
export function ImportDialog({ projectId, currency, onDone }: { projectId: string; currency: string; onDone: () => void }) {
  const { t } = useTranslation('bom');
  const { t: tc } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const run = useImport(projectId);

  const check = async (chosen: File | null) => {
    setFile(chosen);
    setChecked(null);
    setProblem(null);
    if (!chosen) return;
    try {
      setChecked(await run.mutateAsync({ file: chosen, dryRun: true }));
    } catch (error) {
      setProblem(error);
    }
  };

  const commit = async () => {
    if (!file) return;
    try {
      const report = await run.mutateAsync({ file, dryRun: false });
      notifyDone(t('import.done', { count: report.created }));
      onDone();
    } catch (error) {
      setChecked(null);
      setProblem(error);
    }
  };

  const rowErrors = problem instanceof ApiProblem && problem.status === 422 ? problem.fieldErrors : [];
  return (
    <Stack gap="sm">
      <Text size="sm">{t('import.hint')}</Text>
      <FileInput
        label={t('import.choose')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        leftSection={<IconFileSpreadsheet size={16} />}
        value={file}
        onChange={(chosen) => void check(chosen)}
        clearable
        data-testid="bom-import-file"
      />
      {run.isPending && !checked && <Text size="sm">{t('import.checking')}</Text>}
      {checked && (
        <Alert color="green" role="status" data-testid="bom-import-valid">
          {t('import.valid', {
            created: checked.created,
            topLevel: checked.top_level,
            total: formatMoney(checked.total_price, currency),
          })}
          {checked.ignored_columns.length > 0 && (
            <Text size="sm" mt={4}>
              {t('import.ignored', { columns: checked.ignored_columns.join(', ') })}
            </Text>
          )}
        </Alert>
      )}
      {rowErrors.length > 0 && (
        <Stack gap="xs" data-testid="bom-import-errors">
          <Alert color="red" role="alert">
            {t('import.invalid', { count: rowErrors.length })}
          </Alert>
          <ScrollTable
            label={t('import.invalid', { count: rowErrors.length })}
            striped
            boxStyle={{ maxHeight: 280 }}
            columns={[t('import.row'), t('import.column'), t('import.problem')]}
          >
            {rowErrors.map((error, index) => (
              <Table.Tr key={index}>
                <Table.Td>{error.row ?? '–'}</Table.Td>
                <Table.Td>{error.field}</Table.Td>
                <Table.Td>{fieldErrorText(error.code, error.message, error.field)}</Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        </Stack>
      )}
      {problem !== null && rowErrors.length === 0 && (
        <Alert color="red" role="alert">
          {errorMessage(problem, tc)}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone}>
          {tc('actions.cancel')}
        </Button>
        <Button onClick={() => void commit()} disabled={!checked} loading={run.isPending && checked !== null}>
          {t('import.confirm', { count: checked?.created ?? 0 })}
        </Button>
      </Group>
    </Stack>
  );
}
