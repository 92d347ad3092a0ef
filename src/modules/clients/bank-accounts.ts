import type { FieldErrors } from '../../core/errors.js'
import type { FormData } from '../../core/http/forms.js'
import { formatIban, ibanValid, looksLikeIban } from '../../core/money/iban.js'
import { MAX_BANK_ACCOUNTS } from './clients.constants.js'
import type { BankAccount } from './clients.schema.js'

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'))
// A SWIFT BIC (8 or 11 characters), or a Russian БИК (9 digits), which Russian clients give instead.
const BIC_RE = /^([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?|\d{9})$/

export { formatIban, ibanValid, looksLikeIban, makeIban } from '../../core/money/iban.js'

export const isCurrency = (code: string): boolean => CURRENCIES.has(code)

export const blankBankAccount = (): BankAccount => ({ bankName: '', account: '', bic: '', currency: '' })

const isBlank = (row: BankAccount) =>
  !row.bankName.trim() && !row.account.trim() && !row.bic.trim() && !row.currency.trim()

/**
 * The bank rows of a posted form: `bank_<field>_<i>` for i below `bank_rows`. Blank rows and rows
 * ticked for removal are dropped here, so error indices match the rows shown again.
 */
export function bankAccountsFromForm(form: FormData): BankAccount[] {
  const rows = Math.min(MAX_BANK_ACCOUNTS + 1, Math.max(0, Number.parseInt(form.bank_rows ?? '0', 10) || 0))
  const out: BankAccount[] = []
  for (let i = 0; i < rows; i++) {
    if (form[`bank_remove_${i}`]) continue
    const row = {
      bankName: form[`bank_name_${i}`] ?? '',
      account: form[`bank_account_${i}`] ?? '',
      bic: form[`bank_bic_${i}`] ?? '',
      currency: form[`bank_currency_${i}`] ?? '',
    }
    if (!isBlank(row)) out.push(row)
  }
  return out
}

/** Checks bank rows (errors under `bank_<field>_<i>`) and returns them tidied: IBANs grouped, codes upper case. */
export function checkBankAccounts(rows: BankAccount[], errors: FieldErrors): BankAccount[] {
  const out: BankAccount[] = []
  rows.forEach((row, i) => {
    if (isBlank(row)) return
    const bankName = row.bankName.trim()
    const account = row.account.trim()
    const bic = row.bic.replace(/\s/g, '').toUpperCase()
    const currency = row.currency.trim().toUpperCase()
    if (bankName.length > 120) errors[`bank_name_${i}`] = 'form.too_long'
    if (!account) errors[`bank_account_${i}`] = 'form.required'
    else if (account.length > 60) errors[`bank_account_${i}`] = 'form.too_long'
    else if (looksLikeIban(account) && !ibanValid(account)) errors[`bank_account_${i}`] = 'clients.iban_invalid'
    if (bic && !BIC_RE.test(bic)) errors[`bank_bic_${i}`] = 'clients.bic_invalid'
    if (currency && !isCurrency(currency)) errors[`bank_currency_${i}`] = 'clients.currency_invalid'
    out.push({ bankName, account: looksLikeIban(account) ? formatIban(account) : account, bic, currency })
  })
  if (out.length > MAX_BANK_ACCOUNTS) errors.bank_rows = 'clients.too_many_accounts'
  return out
}

/** Stored JSON back to rows; anything malformed reads as no accounts rather than a broken card. */
export function parseBankAccounts(json: string | null | undefined): BankAccount[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown
    if (!Array.isArray(v)) return []
    return v
      .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
      .map((r) => ({
        bankName: String(r.bankName ?? ''),
        account: String(r.account ?? ''),
        bic: String(r.bic ?? ''),
        currency: String(r.currency ?? ''),
      }))
  } catch {
    return []
  }
}
