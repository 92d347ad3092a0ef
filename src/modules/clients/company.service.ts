import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import { type FieldErrors, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors.js'
import { EMAIL_RE } from '../../core/http/forms.js'
import { phoneValid } from './client-input.js'
import { type ClientWithManager, findClient } from './clients.queries.js'
import { refreshSearchText } from './search-text.js'

/** The contact details a client admin may keep up to date itself. */
export interface CompanyContactsInput {
  phone: string
  email: string
  postalAddress: string
}

function ownClientId(ctx: Ctx): string {
  const clientId = ctx.actor?.role === 'client' ? ctx.actor.clientId : null
  if (!clientId) throw new ForbiddenError('company.read')
  return clientId
}

/** The signed-in client user's own company (company.read). */
export async function getOwnCompany(ctx: Ctx): Promise<ClientWithManager> {
  ctx.require('company.read')
  const client = await findClient(ctx, ownClientId(ctx))
  if (!client) throw new NotFoundError('client')
  return client
}

/** A client admin updates its company's phone, e-mail and postal address; the legal details stay with the manager. */
export async function updateCompanyContacts(ctx: Ctx, input: CompanyContactsInput): Promise<void> {
  ctx.require('company.manage')
  const current = await getOwnCompany(ctx)
  const errors: FieldErrors = {}
  const phone = input.phone.trim()
  if (phone.length > 40) errors.phone = 'form.too_long'
  else if (phone && !phoneValid(phone)) errors.phone = 'clients.phone_invalid'
  const email = input.email.trim().toLowerCase()
  if (email.length > 254 || (email && !EMAIL_RE.test(email))) errors.email = 'form.email'
  const postalAddress = input.postalAddress.trim()
  if (postalAddress.length > 500) errors.postal_address = 'form.too_long'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const next = { phone: phone || null, email: email || null, postal_address: postalAddress || null }
  const before = { phone: current.phone, email: current.email, postal_address: current.postal_address }
  if (JSON.stringify(before) === JSON.stringify(next)) return
  await ctx.transaction(async (tx) => {
    await tx.db
      .updateTable('clients')
      .set({ ...next, updated_at: nowIso() })
      .where('id', '=', current.id)
      .execute()
    await refreshSearchText(tx, current.id)
    await tx.audit('client.contacts_updated', {
      entity: 'client',
      entityId: current.id,
      clientId: current.id,
      before,
      after: next,
    })
    await tx.emit('clients.updated', { clientId: current.id })
  })
}
