import type { Static } from 'typebox'
import { ValidationError } from '../../core/errors.js'
import { parseBankAccounts } from './bank-accounts.js'
import type { ClientInput } from './client-input.js'
import { splitTags } from './client-input.js'
import type { ClientPatch, ContactPatch } from './clients.api-schemas.js'
import type { CLIENT_STATUSES } from './clients.constants.js'
import type { ClientListRow, ClientWithManager } from './clients.queries.js'
import type { ContactPerson } from './clients.schema.js'
import type { ContactPersonInput } from './contact-persons.service.js'

type ClientBody = Partial<Static<typeof ClientPatch>>

export function clientJsonBase(c: ClientListRow | ClientWithManager) {
  return {
    id: c.id,
    name: c.name,
    shortName: c.short_name,
    kind: c.kind,
    country: c.country,
    taxId: c.tax_id,
    kpp: c.kpp,
    registrationNumber: c.registration_number,
    legalAddress: c.legal_address,
    postalAddress: c.postal_address,
    phone: c.phone,
    email: c.email,
    website: c.website,
    group: c.client_group,
    status: c.status as (typeof CLIENT_STATUSES)[number],
    tags: splitTags(c.tags),
    notes: c.notes,
    bankAccounts: parseBankAccounts(c.bank_accounts),
    managerId: c.manager_id,
    managerName: c.manager_name,
    createdAt: c.created_at,
  }
}

export const toClientJson = (c: ClientWithManager) => ({
  ...clientJsonBase(c),
  supportVisibility: c.support_visibility,
  updatedAt: c.updated_at,
})

export const toContactJson = (c: ContactPerson) => ({
  id: c.id,
  clientId: c.client_id,
  name: c.name,
  position: c.position,
  email: c.email,
  phone: c.phone,
  mobile: c.mobile,
  messenger: c.messenger,
  relationshipRole: c.relationship_role,
  isPrimary: c.is_primary === 1,
  notes: c.notes,
  userId: c.user_id,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
})

/** The API body over the typed input (absent fields keep `base`). */
export function clientInputFrom(base: ClientInput, body: ClientBody): ClientInput {
  const pick = (v: string | undefined, fallback: string) => (v === undefined ? fallback : v)
  return {
    name: pick(body.name, base.name),
    shortName: pick(body.shortName, base.shortName),
    kind: pick(body.kind, base.kind),
    country: pick(body.country, base.country),
    taxId: pick(body.taxId, base.taxId),
    kpp: pick(body.kpp, base.kpp),
    registrationNumber: pick(body.registrationNumber, base.registrationNumber),
    legalAddress: pick(body.legalAddress, base.legalAddress),
    postalAddress: pick(body.postalAddress, base.postalAddress),
    phone: pick(body.phone, base.phone),
    email: pick(body.email, base.email),
    website: pick(body.website, base.website),
    group: pick(body.group, base.group),
    status: pick(body.status, base.status),
    tags: body.tags === undefined ? base.tags : body.tags.join(', '),
    notes: pick(body.notes, base.notes),
    bankAccounts:
      body.bankAccounts === undefined
        ? base.bankAccounts
        : body.bankAccounts.map((b) => ({
            account: b.account,
            bankName: b.bankName ?? '',
            bic: b.bic ?? '',
            currency: b.currency ?? '',
          })),
  }
}

export function contactInputFrom(
  base: ContactPersonInput,
  body: Partial<Static<typeof ContactPatch>>,
): ContactPersonInput {
  const pick = (v: string | undefined, fallback: string) => (v === undefined ? fallback : v)
  return {
    name: pick(body.name, base.name),
    position: pick(body.position, base.position),
    email: pick(body.email, base.email),
    phone: pick(body.phone, base.phone),
    mobile: pick(body.mobile, base.mobile),
    messenger: pick(body.messenger, base.messenger),
    relationshipRole: pick(body.relationshipRole, base.relationshipRole),
    isPrimary: body.isPrimary ?? base.isPrimary,
    notes: pick(body.notes, base.notes),
  }
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** Form field names in a ValidationError → the API's property names (`tax_id` → `taxId`, `bank_account_0` → `bankAccounts.0.account`). */
export async function apiFields<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    const fields: Record<string, string> = {}
    for (const [k, v] of Object.entries(err.fields)) {
      const bank = /^bank_(name|account|bic|currency)_(\d+)$/.exec(k)
      const key = bank
        ? `bankAccounts.${bank[2]}.${camel(bank[1] === 'name' ? 'bank_name' : (bank[1] as string))}`
        : k === 'client_group'
          ? 'group'
          : camel(k)
      fields[key] = v
    }
    throw new ValidationError(fields, err.messageKey)
  }
}
