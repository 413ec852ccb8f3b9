import { useI18n } from '../../i18n/i18n';
import type { Proposal } from '../reviews.api';
import { dosesText } from '../reviews.rules';

/** What the change does, in a line: "Arrêter DONEPEZIL…", "Remplacer X par Y", "Changer la dose : matin ½". */
export function useChangeText() {
  const { t } = useI18n();
  return (p: Proposal) => {
    const change = p.change as { doses?: Record<string, number> };
    const product = p.kind === 'add' ? (p.newProductLabel ?? '') : (p.currentProductLabel ?? '');
    const parts = [t(`reviews.change.${p.kind}`, { product })];
    if (p.kind === 'substitute' && p.newProductLabel)
      parts.push(t('reviewsUi.proposals.by', { product: p.newProductLabel }));
    // A dose change says what it changes from: « (midi ½ · coucher ½ → coucher ½) ».
    if (change.doses)
      parts.push(
        p.kind === 'adjust_dose' && p.currentDoses
          ? `(${dosesText(p.currentDoses)} → ${dosesText(change.doses)})`
          : `(${dosesText(change.doses)})`,
      );
    return parts.filter(Boolean).join(' ');
  };
}
