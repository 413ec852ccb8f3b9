import { usePharmacies } from '../pharmacies/pharmacies.api';

/**
 * A pharmacy by its town in narrow columns (five towns, five pharmacies: "Meymac" reads faster
 * than "Pharmacie de Meymac" and fits a tablet); its name until the list has loaded.
 */
export function usePharmacyTown(): (id: number, name: string) => string {
  const pharmacies = usePharmacies();
  return (id, name) => pharmacies.data?.find((p) => p.id === id)?.town ?? name;
}
