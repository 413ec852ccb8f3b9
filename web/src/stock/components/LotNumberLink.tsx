import { Anchor } from '@mantine/core';

/** A lot number that opens the lot's drawer (its movements). */
export function LotNumberLink({
  lot,
  onOpen,
}: {
  lot: { id: number; lotNumber: string };
  onOpen: (id: number) => void;
}) {
  return (
    <Anchor component="button" type="button" size="sm" ff="monospace" onClick={() => onOpen(lot.id)}>
      {lot.lotNumber}
    </Anchor>
  );
}
