import { type FieldErrors, ValidationError } from '../../core/errors.js'
import { EMAIL_RE, type FormData } from '../../core/http/forms.js'
import { bankAccountsFromForm, checkBankAccounts, parseBankAccounts } from './bank-accounts.js'
import { CLIENT_KINDS, CLIENT_STATUSES, type ClientKind, type ClientStatus, MAX_TAGS } from './clients.constants.js'
import type { BankAccount, ClientRow } from './clients.schema.js'
import { checkKpp, checkTaxId } from './tax-id.js'

/** A client as typed (form, API, import row): kept verbatim so a refused form comes back unchanged. */
export interface ClientInput {
  name: string
  shortName: string
  kind: string
  country: string
  taxId: string
  kpp: string
  registrationNumber: string
  legalAddress: string
  postalAddress: string
  phone: string
  email: string
  website: string
  group: string
  status: string
  tags: string
  notes: string
  bankAccounts: BankAccount[]
}

/** The checked columns of a client, ready to store. */
export interface ClientValues {
  name: string
  short_name: string | null
  kind: ClientKind
  country: string | null
  tax_id: string | null
  kpp: string | null
  registration_number: string | null
  legal_address: string | null
  postal_address: string | null
  phone: string | null
  email: string | null
  website: string | null
  client_group: string | null
  status: ClientStatus
  tags: string | null
  notes: string | null
  bank_accounts: BankAccount[]
}

export const emptyClientInput = (): ClientInput => ({
  name: '',
  shortName: '',
  kind: 'company',
  country: 'HU',
  taxId: '',
  kpp: '',
  registrationNumber: '',
  legalAddress: '',
  postalAddress: '',
  phone: '',
  email: '',
  website: '',
  group: '',
  status: 'active',
  tags: '',
  notes: '',
  bankAccounts: [],
})

export function clientInputFromForm(form: FormData): ClientInput {
  return {
    name: form.name ?? '',
    shortName: form.short_name ?? '',
    kind: form.kind ?? '',
    country: form.country ?? '',
    taxId: form.tax_id ?? '',
    kpp: form.kpp ?? '',
    registrationNumber: form.registration_number ?? '',
    legalAddress: form.legal_address ?? '',
    postalAddress: form.postal_address ?? '',
    phone: form.phone ?? '',
    email: form.email ?? '',
    website: form.website ?? '',
    group: form.group ?? '',
    status: form.status ?? '',
    tags: form.tags ?? '',
    notes: form.notes ?? '',
    bankAccounts: bankAccountsFromForm(form),
  }
}

export function clientInputFromRow(row: ClientRow): ClientInput {
  return {
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
    bankAccounts: parseBankAccounts(row.bank_accounts),
  }
}

/** "vip, Wholesale ,vip" → "vip, Wholesale": trimmed, de-duplicated ignoring case, in typed order. */
export function normaliseTags(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/\s+/g, ' ')
    if (!tag || seen.has(tag.toLowerCase())) continue
    seen.add(tag.toLowerCase())
    out.push(tag)
  }
  return out
}

export const splitTags = (tags: string | null): string[] => (tags ? normaliseTags(tags) : [])

const PHONE_RE = /^\+?[0-9 ()./-]{3,40}$/

/** A website as typed → an absolute http(s) URL, or null when it is not one (so no `javascript:` link is ever stored). */
export function normaliseWebsite(raw: string): string | null {
  const text = raw.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
  try {
    const url = new URL(withScheme)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (!url.hostname.includes('.') || /\s/.test(text)) return null
    return url.href.replace(/\/$/, '')
  } catch {
    return null
  }
}

/** Checks a phone number's characters (digits, spaces, + ( ) . / -); the format varies too much by country for more. */
export const phoneValid = (phone: string): boolean => PHONE_RE.test(phone)

/** Checks a client as typed; throws a ValidationError naming every wrong field (form field names). */
export function checkClientInput(input: ClientInput): ClientValues {
  const errors: FieldErrors = {}
  const text = (field: string, value: string, max: number, required = false): string | null => {
    const v = value.trim()
    if (required && !v) errors[field] = 'form.required'
    else if (v.length > max) errors[field] = 'form.too_long'
    return v || null
  }
  const name = text('name', input.name, 200, true) ?? ''
  const shortName = text('short_name', input.shortName, 80)
  const kind = (CLIENT_KINDS as readonly string[]).includes(input.kind) ? (input.kind as ClientKind) : null
  if (!kind) errors.kind = 'form.invalid_choice'
  const status = (CLIENT_STATUSES as readonly string[]).includes(input.status) ? (input.status as ClientStatus) : null
  if (!status) errors.status = 'form.invalid_choice'
  const country = input.country.trim().toUpperCase() || null
  if (country && !/^[A-Z]{2}$/.test(country)) errors.country = 'clients.country_invalid'
  let taxId: string | null = null
  const rawTax = input.taxId.trim()
  if (rawTax && !errors.country) {
    if (!country) errors.country = 'clients.country_needed_for_tax_id'
    else {
      const checked = checkTaxId(country, rawTax)
      if (checked.ok) taxId = checked.value
      else errors.tax_id = checked.problem
    }
  }
  let kpp: string | null = null
  if (input.kpp.trim() && !errors.tax_id) {
    const checked = checkKpp(country ?? '', taxId, input.kpp)
    if (checked.ok) kpp = checked.value
    else errors.kpp = checked.problem
  }
  const registrationNumber = text('registration_number', input.registrationNumber, 60)
  const legalAddress = text('legal_address', input.legalAddress, 500)
  const postalAddress = text('postal_address', input.postalAddress, 500)
  const phone = text('phone', input.phone, 40)
  if (phone && !errors.phone && !phoneValid(phone)) errors.phone = 'clients.phone_invalid'
  const email = text('email', input.email.toLowerCase(), 254)
  if (email && !errors.email && !EMAIL_RE.test(email)) errors.email = 'form.email'
  let website: string | null = null
  if (input.website.trim()) {
    website = input.website.trim().length > 300 ? null : normaliseWebsite(input.website)
    if (!website) errors.website = 'clients.website_invalid'
  }
  const group = text('group', input.group.replace(/\s+/g, ' '), 80)
  const tags = normaliseTags(input.tags)
  if (tags.length > MAX_TAGS) errors.tags = 'clients.too_many_tags'
  else if (tags.some((t) => t.length > 40)) errors.tags = 'clients.tag_too_long'
  const notes = text('notes', input.notes, 5000)
  const bankAccounts = checkBankAccounts(input.bankAccounts, errors)
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return {
    name,
    short_name: shortName,
    kind: kind as ClientKind,
    country,
    tax_id: taxId,
    kpp,
    registration_number: registrationNumber,
    legal_address: legalAddress,
    postal_address: postalAddress,
    phone,
    email,
    website,
    client_group: group,
    status: status as ClientStatus,
    tags: tags.length ? tags.join(', ') : null,
    notes,
    bank_accounts: bankAccounts,
  }
}
