import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { type FieldErrors, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { EMAIL_RE } from '../../core/http/forms.js'
import { createUser } from '../../core/users/users.service.js'
import { phoneValid } from './client-input.js'
import { RELATIONSHIP_ROLES, type RelationshipRole } from './clients.constants.js'
import { contactPersonsOf } from './clients.queries.js'
import type { ContactPerson } from './clients.schema.js'
import { getClient } from './clients.service.js'
import { refreshSearchText } from './search-text.js'

/** A contact person as typed. */
export interface ContactPersonInput {
  name: string
  position: string
  email: string
  phone: string
  mobile: string
  messenger: string
  relationshipRole: string
  isPrimary: boolean
  notes: string
}

export const emptyContactPersonInput = (): ContactPersonInput => ({
  name: '',
  position: '',
  email: '',
  phone: '',
  mobile: '',
  messenger: '',
  relationshipRole: 'other',
  isPrimary: false,
  notes: '',
})

export const contactPersonInputFrom = (c: ContactPerson): ContactPersonInput => ({
  name: c.name,
  position: c.position ?? '',
  email: c.email ?? '',
  phone: c.phone ?? '',
  mobile: c.mobile ?? '',
  messenger: c.messenger ?? '',
  relationshipRole: c.relationship_role,
  isPrimary: c.is_primary === 1,
  notes: c.notes ?? '',
})

/** Checks a contact person as typed; throws a ValidationError naming every wrong field. */
export function checkContactPersonInput(input: ContactPersonInput) {
  const errors: FieldErrors = {}
  const text = (field: string, value: string, max: number, required = false): string | null => {
    const v = value.trim()
    if (required && !v) errors[field] = 'form.required'
    else if (v.length > max) errors[field] = 'form.too_long'
    return v || null
  }
  const name = text('name', input.name, 200, true) ?? ''
  const position = text('position', input.position, 120)
  const email = text('email', input.email.toLowerCase(), 254)
  if (email && !errors.email && !EMAIL_RE.test(email)) errors.email = 'form.email'
  const phone = text('phone', input.phone, 40)
  if (phone && !errors.phone && !phoneValid(phone)) errors.phone = 'clients.phone_invalid'
  const mobile = text('mobile', input.mobile, 40)
  if (mobile && !errors.mobile && !phoneValid(mobile)) errors.mobile = 'clients.phone_invalid'
  const messenger = text('messenger', input.messenger, 200)
  const role = (RELATIONSHIP_ROLES as readonly string[]).includes(input.relationshipRole)
    ? (input.relationshipRole as RelationshipRole)
    : null
  if (!role) errors.relationship_role = 'form.invalid_choice'
  const notes = text('notes', input.notes, 2000)
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return {
    name,
    position,
    email,
    phone,
    mobile,
    messenger,
    relationship_role: role as RelationshipRole,
    is_primary: (input.isPrimary ? 1 : 0) as 0 | 1,
    notes,
  }
}

/** The current (not archived) contact persons of a client in the caller's scope, primary first. */
export function listContactPersons(ctx: Ctx, clientId: string): Promise<ContactPerson[]> {
  return contactPersonsOf(ctx, clientId)
}

/** One current contact person of `clientId`, or NotFoundError (also when it belongs to another client). */
export async function getContactPerson(ctx: Ctx, clientId: string, contactId: string): Promise<ContactPerson> {
  const row = await ctx.db
    .selectFrom('contact_persons')
    .selectAll()
    .where('id', '=', contactId)
    .where('client_id', '=', clientId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  if (!row) throw new NotFoundError('contact_person')
  return row
}

/** Clears the primary flag of the client's other contact persons (one primary per client). */
async function clearPrimary(tx: Ctx, clientId: string, exceptId: string) {
  await tx.db
    .updateTable('contact_persons')
    .set({ is_primary: 0 })
    .where('client_id', '=', clientId)
    .where('id', '!=', exceptId)
    .where('is_primary', '=', 1)
    .execute()
}

/** Adds a contact person; the first one of a client, or one marked primary, becomes the primary. */
export async function addContactPerson(ctx: Ctx, clientId: string, input: ContactPersonInput): Promise<{ id: string }> {
  ctx.require('clients.manage')
  await getClient(ctx, clientId)
  const values = checkContactPersonInput(input)
  return ctx.transaction(async (tx) => {
    const id = newId()
    const now = nowIso()
    const existing = await contactPersonsOf(tx, clientId)
    const isPrimary = values.is_primary === 1 || existing.length === 0 ? 1 : 0
    if (isPrimary) await clearPrimary(tx, clientId, id)
    await tx.db.insert('contact_persons', {
      id,
      client_id: clientId,
      ...values,
      is_primary: isPrimary,
      user_id: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    await refreshSearchText(tx, clientId)
    await tx.audit('contact_person.created', {
      entity: 'contact_person',
      entityId: id,
      clientId,
      after: { ...values, is_primary: isPrimary },
    })
    await tx.emit('clients.updated', { clientId })
    return { id }
  })
}

/** Changes a contact person; marking it primary takes the flag from the previous primary. */
export async function updateContactPerson(
  ctx: Ctx,
  clientId: string,
  contactId: string,
  input: ContactPersonInput,
): Promise<void> {
  ctx.require('clients.manage')
  const current = await getContactPerson(ctx, clientId, contactId)
  const values = checkContactPersonInput(input)
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(values)) {
    const old = current[k as keyof ContactPerson]
    if ((old ?? null) !== (v ?? null)) {
      before[k] = old
      after[k] = v
    }
  }
  if (Object.keys(after).length === 0) return
  await ctx.transaction(async (tx) => {
    if (values.is_primary === 1) await clearPrimary(tx, clientId, contactId)
    await tx.db
      .updateTable('contact_persons')
      .set({ ...values, updated_at: nowIso() })
      .where('id', '=', contactId)
      .where('client_id', '=', clientId)
      .execute()
    await refreshSearchText(tx, clientId)
    await tx.audit('contact_person.updated', { entity: 'contact_person', entityId: contactId, clientId, before, after })
    await tx.emit('clients.updated', { clientId })
  })
}

/**
 * Removes a contact person from the card. The row is archived, not deleted, so the contact log and
 * an existing portal login keep pointing at a real person.
 */
export async function archiveContactPerson(ctx: Ctx, clientId: string, contactId: string): Promise<ContactPerson> {
  ctx.require('clients.manage')
  const current = await getContactPerson(ctx, clientId, contactId)
  await ctx.transaction(async (tx) => {
    const now = nowIso()
    await tx.db
      .updateTable('contact_persons')
      .set({ archived_at: now, is_primary: 0, updated_at: now })
      .where('id', '=', contactId)
      .where('client_id', '=', clientId)
      .execute()
    await refreshSearchText(tx, clientId)
    await tx.audit('contact_person.archived', {
      entity: 'contact_person',
      entityId: contactId,
      clientId,
      before: { name: current.name, email: current.email, is_primary: current.is_primary },
    })
    await tx.emit('clients.updated', { clientId })
  })
  return current
}

/**
 * Gives a contact person a client-user login with one click: an invitation e-mail goes out, every
 * portal area is open, and the person is linked to the new user. Refused when the person has no
 * e-mail, already has a login, or the e-mail belongs to a user already.
 */
export async function givePortalAccess(ctx: Ctx, clientId: string, contactId: string): Promise<{ userId: string }> {
  ctx.require('clients.manage')
  const person = await getContactPerson(ctx, clientId, contactId)
  if (person.user_id) throw new RuleError('clients.portal_access_exists', 'clients.portal_access_exists')
  if (!person.email) throw new RuleError('clients.portal_access_needs_email', 'clients.portal_access_needs_email')
  return ctx.transaction(async (tx) => {
    let userId: string
    try {
      ;({ id: userId } = await createUser(tx, {
        email: person.email as string,
        name: person.name,
        role: 'client',
        clientId,
        isClientAdmin: false,
      }))
    } catch (err) {
      if (err instanceof ValidationError && err.fields.email === 'users.email_taken') {
        throw new RuleError('clients.email_is_user', 'clients.email_is_user', { email: person.email as string })
      }
      throw err
    }
    await tx.db
      .updateTable('contact_persons')
      .set({ user_id: userId, updated_at: nowIso() })
      .where('id', '=', contactId)
      .where('client_id', '=', clientId)
      .execute()
    await tx.audit('contact_person.portal_access_given', {
      entity: 'contact_person',
      entityId: contactId,
      clientId,
      after: { user_id: userId, email: person.email },
    })
    return { userId }
  })
}
