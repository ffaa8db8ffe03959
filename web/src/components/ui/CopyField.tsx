import { ActionIcon, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface Props {
  /** What the value is ("Reset link", "Your new token"). */
  label: string;
  value: string;
  /** Texts of the button: "Copy" / "Copied". */
  copyLabel: string;
  copiedLabel: string;
  /** Shown as one block of lines (recovery codes) instead of one wrapped line. */
  multiline?: boolean;
  testId?: string;
}

/**
 * A secret or link shown for copying: long values wrap anywhere (a 375 px phone), the copy
 * button says when it worked.
 */
export function CopyField({ label, value, copyLabel, copiedLabel, multiline, testId }: Props) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Code
          block={multiline}
          data-testid={testId}
          style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', whiteSpace: multiline ? 'pre-wrap' : 'normal', fontSize: 'var(--mantine-font-size-sm)', padding: '6px 8px' }}
        >
          {value}
        </Code>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? copiedLabel : copyLabel} withArrow>
              <ActionIcon
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal' : undefined}
                size="lg"
                onClick={copy}
                aria-label={`${copied ? copiedLabel : copyLabel}: ${label}`}
              >
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
