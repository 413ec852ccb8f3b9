import type { Ctx } from '../http/context';
import { conflict } from '../shared/errors';
import type { ProposalRow } from './problems.repository';

/**
 * Makes a proposal's change through the orders domain's prescription use cases and returns the
 * id of the new prescription line version (null for a stop). Runs inside the caller's transaction.
 */
export function applyPrescriptionChange(_ctx: Ctx, _proposal: ProposalRow): number | null {
  throw conflict('prescription_proposals.unavailable', 'Prescription changes are not available yet');
}
