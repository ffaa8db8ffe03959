// Choosing permissions (a role's, an API token's scopes): one checkbox each, with its name and
// what it allows in the user's language.
import { Checkbox, SimpleGrid } from '@mantine/core';
import { usePermissionTexts } from '@/lib/permissions';

interface Props {
  label: string;
  description?: string;
  /** The permissions offered. */
  permissions: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
  disabled?: boolean;
}

export function PermissionChecks({ label, description, permissions, value, onChange, error, disabled }: Props) {
  const texts = usePermissionTexts();
  return (
    <Checkbox.Group label={label} description={description} value={value} onChange={onChange} error={error}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={10} mt="xs">
        {permissions.map((permission) => (
          <Checkbox
            key={permission}
            value={permission}
            label={texts.label(permission)}
            description={texts.description(permission)}
            disabled={disabled}
          />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
