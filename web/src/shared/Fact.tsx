import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of a detail view (a drawer, a detail page): small grey label, value below. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}
