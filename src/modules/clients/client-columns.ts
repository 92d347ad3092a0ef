import type { Translate } from '../../core/i18n/messages.js'
import { parseBankAccounts } from './bank-accounts.js'
import type { ClientListRow } from './clients.queries.js'

/** One column of the client export; `importable` columns are read back by the CSV import. */
export interface ClientColumn {
  key: string
  /** Message key of the header. */
  label: string
  importable?: boolean
  kind?: 'text' | 'number' | 'date'
  value: (row: ClientListRow, t: Translate) => string | number | null
}

const bankText = (json: string) =>
  parseBankAccounts(json)
    .map((b) => [b.account, [b.bankName, b.bic, b.currency].filter(Boolean).join(', ')].filter(Boolean).join(' — '))
    .join('; ')

/** The columns of the client export, in order; the import accepts the same headers (in any of the three languages). */
export const CLIENT_COLUMNS: ClientColumn[] = [
  { key: 'name', label: 'clients.field.name', importable: true, value: (r) => r.name },
  { key: 'short_name', label: 'clients.field.short_name', importable: true, value: (r) => r.short_name },
  { key: 'kind', label: 'clients.field.kind', importable: true, value: (r, t) => t(`clients.kind.${r.kind}`) },
  { key: 'country', label: 'clients.field.country', importable: true, value: (r) => r.country },
  { key: 'tax_id', label: 'clients.field.tax_id', importable: true, value: (r) => r.tax_id },
  { key: 'kpp', label: 'clients.field.kpp', importable: true, value: (r) => r.kpp },
  {
    key: 'registration_number',
    label: 'clients.field.registration_number',
    importable: true,
    value: (r) => r.registration_number,
  },
  { key: 'legal_address', label: 'clients.field.legal_address', importable: true, value: (r) => r.legal_address },
  { key: 'postal_address', label: 'clients.field.postal_address', importable: true, value: (r) => r.postal_address },
  { key: 'phone', label: 'clients.field.phone', importable: true, value: (r) => r.phone },
  { key: 'email', label: 'clients.field.email', importable: true, value: (r) => r.email },
  { key: 'website', label: 'clients.field.website', importable: true, value: (r) => r.website },
  { key: 'group', label: 'clients.field.group', importable: true, value: (r) => r.client_group },
  { key: 'status', label: 'clients.field.status', importable: true, value: (r, t) => t(`clients.status.${r.status}`) },
  { key: 'manager', label: 'clients.field.manager', value: (r) => r.manager_name },
  { key: 'manager_email', label: 'clients.field.manager_email', importable: true, value: (r) => r.manager_email },
  { key: 'tags', label: 'clients.field.tags', importable: true, value: (r) => r.tags },
  { key: 'notes', label: 'clients.field.notes', importable: true, value: (r) => r.notes },
  { key: 'bank_accounts', label: 'clients.field.bank_accounts', value: (r) => bankText(r.bank_accounts) },
  { key: 'contacts', label: 'clients.col.contacts', kind: 'number', value: (r) => Number(r.contact_count ?? 0) },
  { key: 'users', label: 'clients.col.users', kind: 'number', value: (r) => Number(r.user_count ?? 0) },
  { key: 'created_at', label: 'clients.field.created_at', kind: 'date', value: (r) => r.created_at.slice(0, 10) },
]
