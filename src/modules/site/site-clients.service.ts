import { Ctx } from '../../core/ctx.js'
import { ConflictError, ValidationError } from '../../core/errors.js'
import { type ClientInput, type ClientRow, createClient, emptyClientInput, updateClient } from '../clients/index.js'
import { findLink, insertLink, isUniqueViolation } from './site-links.queries.js'

/** What the website may set on a client; left-out fields keep their value. */
export interface SiteClientInput {
  name: string
  status?: string
  country?: string
  taxId?: string
  email?: string
  phone?: string
}

export interface UpsertResult {
  id: string
  externalId: string
  created: boolean
  changed: boolean
}

// The clients module's form field names → the API's property names, for ValidationError fields.
const API_FIELDS: Record<string, string> = { tax_id: 'taxId' }

export function checkExternalId(externalId: string): string {
  const id = externalId.trim()
  if (!id || id.length > 200) throw new ValidationError({ externalId: 'site.external_id_invalid' })
  return id
}

/** The clients module's input for a stored client, so an update changes only what the website sent. */
function inputFromRow(row: ClientRow): ClientInput {
  return {
    ...emptyClientInput(),
    name: row.name,
    shortName: row.short_name ?? '',
    kind: row.kind,
    country: row.country ?? '',
    taxId: row.tax_id ?? '',
    kpp: row.kpp ?? '',
    registrationNumber: row.registration_number ?? '',
    legalAddress: row.legal_address ?? '',
    postalAddress: row.postal_address ?? '',
    phone: row.phone ?? '',
    email: row.email ?? '',
    website: row.website ?? '',
    group: row.client_group ?? '',
    status: row.status,
    tags: row.tags ?? '',
    notes: row.notes ?? '',
    bankAccounts: JSON.parse(row.bank_accounts || '[]'),
  }
}

const overlay = (base: ClientInput, input: SiteClientInput): ClientInput => ({
  ...base,
  name: input.name,
  status: input.status ?? base.status,
  country: input.country ?? base.country,
  taxId: input.taxId ?? base.taxId,
  email: input.email ?? base.email,
  phone: input.phone ?? base.phone,
})

const lastAudit = async (ctx: Ctx, clientId: string) =>
  (
    await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('entity', '=', 'client')
      .where('entity_id', '=', clientId)
      .executeTakeFirst()
  )?.id ?? null

async function upsertOnce(ctx: Ctx, externalId: string, input: SiteClientInput): Promise<UpsertResult> {
  return ctx.transaction(async (tx) => {
    const link = await findLink(tx, 'client', externalId)
    if (!link) {
      // A client from the website has no account manager yet; the head assigns one.
      const { id } = await createClient(tx, overlay(emptyClientInput(), input), null)
      await insertLink(tx, { kind: 'client', externalId, entityId: id, clientId: id })
      await tx.audit('site.client_linked', {
        entity: 'site_link',
        entityId: id,
        clientId: id,
        after: { external_id: externalId },
      })
      return { id, externalId, created: true, changed: true }
    }
    const row = await tx.db.selectFrom('clients').selectAll().where('id', '=', link.entity_id).executeTakeFirst()
    if (!row) throw new ConflictError('site.link_broken', 'site.link_broken')
    // updateClient writes (and audits, and announces) only when a checked value differs.
    const before = await lastAudit(tx, row.id)
    await updateClient(tx, row.id, overlay(inputFromRow(row), input))
    return { id: row.id, externalId, created: false, changed: (await lastAudit(tx, row.id)) !== before }
  })
}

/**
 * Creates or updates the client the website knows as `externalId`, through the clients module (tax
 * id, e-mail and phone checks apply). Sending the same data again changes nothing and writes no
 * audit record; fields left out keep their value.
 */
export async function upsertSiteClient(ctx: Ctx, externalId: string, input: SiteClientInput): Promise<UpsertResult> {
  ctx.require('site.sync')
  const id = checkExternalId(externalId)
  // The website's account is often the technical administrator, who holds no client rights of its
  // own: site.sync is the right to exactly this write, so it runs with the system's rights, audited
  // under the caller's name.
  const writer = ctx.can('clients.manage') ? ctx : Ctx.system(ctx.services, `site sync by ${ctx.actorLabel}`)
  try {
    try {
      return await upsertOnce(writer, id, input)
    } catch (err) {
      // Two requests for a new id at once: the loser's link insert fails; it is now an update.
      if (isUniqueViolation(err)) return await upsertOnce(writer, id, input)
      throw err
    }
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new ValidationError(
        Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [API_FIELDS[k] ?? k, v])),
        err.messageKey,
      )
    }
    throw err
  }
}
