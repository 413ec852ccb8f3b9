import { ActionIcon, Anchor, Popover, Stack, Text } from '@mantine/core';
import { IconAddressBook, IconPhone } from '@tabler/icons-react';
import { formatFiness } from '../../../server/pharmacies/pharmacies.models';
import type { Pharmacy } from '../../../server/pharmacies/pharmacies.schemas';
import { useI18n } from '../i18n/i18n';
import { usePharmacies } from './pharmacies.api';

/** One member pharmacy by id from the cached list (undefined while it loads). */
export function usePharmacy(id: number): Pharmacy | undefined {
  return usePharmacies().data?.find((p) => p.id === id);
}

/** "tel:+33555001234" for a stored "05 55 00 12 34". */
function telHref(phone: string): string {
  return `tel:+33${phone.replace(/\s/g, '').slice(1)}`;
}

/**
 * A pharmacy's contact block: address, phone (a tel: link, for a tablet or a softphone), FINESS
 * and pharmacist in charge; what the admin has not filled in is left out.
 */
export function PharmacyContactCard({ pharmacy, showName = true }: { pharmacy: Pharmacy; showName?: boolean }) {
  const { t } = useI18n();
  const filled = pharmacy.address || pharmacy.phone || pharmacy.finess || pharmacy.pharmacistInCharge;
  return (
    <Stack gap={2} data-testid={`contact-${pharmacy.slug}`}>
      {showName ? (
        <Text size="sm" fw={600}>
          {pharmacy.name}
        </Text>
      ) : null}
      {pharmacy.address ? (
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {pharmacy.address}
        </Text>
      ) : null}
      {pharmacy.address || pharmacy.postalCode ? (
        <Text size="sm">{[pharmacy.postalCode, pharmacy.town].filter(Boolean).join(' ')}</Text>
      ) : null}
      {pharmacy.phone ? (
        <Text size="sm">
          <Anchor href={telHref(pharmacy.phone)} title={t('contacts.call', { pharmacy: pharmacy.name })}>
            {t('contacts.phone', { phone: pharmacy.phone })}
          </Anchor>
        </Text>
      ) : null}
      {pharmacy.pharmacistInCharge ? (
        <Text size="sm">{t('contacts.pharmacistInCharge', { name: pharmacy.pharmacistInCharge })}</Text>
      ) : null}
      {pharmacy.finess ? (
        <Text size="xs" c="dimmed">
          {t('contacts.finess', { finess: formatFiness(pharmacy.finess) })}
        </Text>
      ) : null}
      {filled ? null : (
        <Text size="sm" c="dimmed">
          {t('contacts.missing')}
        </Text>
      )}
    </Stack>
  );
}

/** A small button that opens a pharmacy's contact card (the pool's cells, narrow places). */
export function PharmacyContactButton({ pharmacyId, pharmacyName }: { pharmacyId: number; pharmacyName: string }) {
  const { t } = useI18n();
  const pharmacy = usePharmacy(pharmacyId);
  const label = t('contacts.open', { pharmacy: pharmacyName });
  return (
    // Focus goes into the card (its phone and e-mail links), Escape closes it and gives focus back.
    <Popover position="bottom-start" withArrow shadow="md" width={260} trapFocus returnFocus>
      <Popover.Target>
        {/* 28 px: a target of at least 24 px (WCAG 2.5.8); "sm" was 22. */}
        <ActionIcon variant="subtle" size="md" aria-label={label} title={label}>
          {pharmacy?.phone ? <IconPhone size={14} /> : <IconAddressBook size={14} />}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        {pharmacy ? <PharmacyContactCard pharmacy={pharmacy} /> : <Text size="sm">{pharmacyName}</Text>}
      </Popover.Dropdown>
    </Popover>
  );
}
