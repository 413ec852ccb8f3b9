import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of a detail view (a drawer, a detail page): small grey label, value below. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A long word with no space (a pasted code, a motif typed without spaces) wraps inside its card
    // instead of widening the page (found on a transfer's « Motif »).
    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}
