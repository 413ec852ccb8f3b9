import { Text } from '@mantine/core';

/** A drug as every stock table names it: its name, optionally its box, and its CIP13. */
export function ProductName({ label, cip13, box }: { label: string; cip13: string; box?: string }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {box ? (
        <Text size="xs" c="dimmed">
          {box}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" ff="monospace">
        {cip13}
      </Text>
    </>
  );
}
