import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { getIssuer } from './issuers.service.js'

export interface ContractLink {
  contractId: string
  number: string
  subject: string
  clientName: string
  status: string
}

/** The contracts that name `issuerId`, in the caller's scope (contracts module on). */
export async function contractsOfIssuer(ctx: Ctx, issuerId: string): Promise<ContractLink[]> {
  if (!ctx.services.isEnabled('contracts')) return []
  const rows = await ctx.db
    .selectFrom('document_contract_issuers')
    .innerJoin('contracts', 'contracts.id', 'document_contract_issuers.contract_id')
    .innerJoin('clients', 'clients.id', 'contracts.client_id')
    .select(['contracts.id', 'contracts.number', 'contracts.subject', 'contracts.status', 'clients.name'])
    .where('document_contract_issuers.issuer_id', '=', issuerId)
    .orderBy('clients.name')
    .limit(500)
    .execute()
  return rows.map((r) => ({
    contractId: r.id,
    number: r.number,
    subject: r.subject,
    clientName: r.name,
    status: r.status,
  }))
}

/** Contracts not yet naming any issuer, to offer on an issuer's page. */
export async function unlinkedContracts(ctx: Ctx): Promise<{ value: string; label: string }[]> {
  if (!ctx.services.isEnabled('contracts')) return []
  const rows = await ctx.db
    .selectFrom('contracts')
    .innerJoin('clients', 'clients.id', 'contracts.client_id')
    .leftJoin('document_contract_issuers', 'document_contract_issuers.contract_id', 'contracts.id')
    .select(['contracts.id', 'contracts.number', 'clients.name'])
    .where('document_contract_issuers.contract_id', 'is', null)
    .where('contracts.status', 'in', ['draft', 'active', 'suspended'])
    .orderBy('clients.name')
    .orderBy('contracts.number')
    .limit(500)
    .execute()
  return rows.map((r) => ({ value: r.id, label: `${r.name} · ${r.number}` }))
}

/**
 * A client contract names the issuer that acts for the company under it (its documents then come
 * from that issuer); the link lives here, so the contracts module's tables stay its own.
 */
export async function setContractIssuer(ctx: Ctx, contractId: string, issuerId: string | null): Promise<void> {
  ctx.require('documents.configure')
  if (!ctx.services.isEnabled('contracts')) throw new NotFoundError('contract')
  const contract = await ctx.db
    .selectFrom('contracts')
    .select(['id', 'client_id'])
    .where('id', '=', contractId)
    .executeTakeFirst()
  if (!contract) throw new ValidationError({ contract_id: 'documents.error.link' })
  if (issuerId) await getIssuer(ctx, issuerId)
  await ctx.transaction(async (tx) => {
    const before = await tx.db
      .selectFrom('document_contract_issuers')
      .select('issuer_id')
      .where('contract_id', '=', contractId)
      .executeTakeFirst()
    await tx.db.deleteFrom('document_contract_issuers').where('contract_id', '=', contractId).execute()
    if (issuerId) {
      await tx.db.insert('document_contract_issuers', {
        contract_id: contractId,
        client_id: contract.client_id,
        issuer_id: issuerId,
        updated_by: tx.actor?.id ?? null,
        updated_at: nowIso(),
      })
    }
    await tx.audit('contract.issuer_set', {
      entity: 'contract',
      entityId: contractId,
      clientId: contract.client_id,
      before: { issuerId: before?.issuer_id ?? null },
      after: { issuerId },
    })
  })
}
