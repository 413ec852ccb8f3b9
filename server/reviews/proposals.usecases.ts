import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import type { ProposalStatus } from './act-ip.models';
import { applyPrescriptionChange } from './prescription-change';
import { decideProposal, findProposal, listProposals, type ProposalRow } from './problems.repository';
import { reviewErrors } from './reviews.errors';
import { resolveAlerts } from './reviews.repository';
import { reviewStaff } from './reviews.shared';

/** Proposed PDA prescription changes of the pharmacy's residents, pending first. Audited. */
export function listMyProposals({ ctx, query }: { ctx: Ctx; query: { status?: ProposalStatus } }) {
  const { pharmacyId } = reviewStaff(ctx, 'prescription_proposals.read');
  const items = listProposals(ctx.db, pharmacyId, query.status);
  recordAudit(ctx, {
    action: 'prescription_proposals.list',
    entity: 'prescription_proposal',
    details: { count: items.length },
  });
  return { items };
}

/** The proposal's "pending" alert leaves the home page once the proposal is applied or dismissed. */
/** The « change to apply » alert of a proposal leaves the home page (applied, dismissed, withdrawn). */
export function resolvePendingAlert(ctx: Ctx, pharmacyId: number, proposalId: number, userId: number) {
  resolveAlerts(
    ctx.db,
    { pharmacyId, kinds: ['reviews.proposal_pending'], entity: 'prescription_proposal', entityId: proposalId },
    ctx.clock.now().toISOString(),
    userId,
  );
}

function pendingProposal(ctx: Ctx, pharmacyId: number, id: number): ProposalRow {
  const proposal = findProposal(ctx.db, pharmacyId, id);
  if (!proposal) throw reviewErrors.proposalNotFound();
  if (proposal.status !== 'pending') throw reviewErrors.proposalDecided(proposal.status);
  return proposal;
}

/**
 * Applies a proposal in one click: a new version of the resident's PDA prescription through the
 * orders domain's own use cases (replace, stop or create), in the same transaction, so the next
 * weekly order reflects it. A line changed since the proposal was made is refused (409 `stale`).
 * Pharmacists only (technicians are read-only on prescriptions, SPEC §2).
 */
export function applyProposal({ ctx, id }: { ctx: Ctx; id: number }) {
  const { pharmacyId, userId } = reviewStaff(ctx, 'prescription_proposals.read', reviewErrors.proposalNotFound);
  return ctx.db.transaction(
    () => {
      const proposal = pendingProposal(ctx, pharmacyId, id);
      authorize(ctx.actor, 'prescription_proposals.decide');
      const appliedLineId = applyPrescriptionChange(ctx, proposal);
      decideProposal(ctx.db, proposal.id, {
        status: 'applied',
        appliedLineId,
        dismissReason: null,
        decidedAt: ctx.clock.now().toISOString(),
        decidedBy: userId,
      });
      resolvePendingAlert(ctx, pharmacyId, proposal.id, userId);
      recordAudit(ctx, {
        action: 'prescription_proposals.apply',
        entity: 'prescription_proposal',
        entityId: proposal.id,
        details: { prescriptionLineId: proposal.prescriptionLineId, appliedLineId },
      });
      return findProposal(ctx.db, pharmacyId, proposal.id) as ProposalRow;
    },
    { behavior: 'immediate' },
  );
}

/** Dismisses a proposal (with an optional reason): the prescription stays as it is. Pharmacists only. */
export function dismissProposal({ ctx, id, reason }: { ctx: Ctx; id: number; reason?: string }) {
  const { pharmacyId, userId } = reviewStaff(ctx, 'prescription_proposals.read', reviewErrors.proposalNotFound);
  return ctx.db.transaction(
    () => {
      const proposal = pendingProposal(ctx, pharmacyId, id);
      authorize(ctx.actor, 'prescription_proposals.decide');
      decideProposal(ctx.db, proposal.id, {
        status: 'dismissed',
        appliedLineId: null,
        dismissReason: reason ?? null,
        decidedAt: ctx.clock.now().toISOString(),
        decidedBy: userId,
      });
      resolvePendingAlert(ctx, pharmacyId, proposal.id, userId);
      recordAudit(ctx, {
        action: 'prescription_proposals.dismiss',
        entity: 'prescription_proposal',
        entityId: proposal.id,
      });
      return findProposal(ctx.db, pharmacyId, proposal.id) as ProposalRow;
    },
    { behavior: 'immediate' },
  );
}
