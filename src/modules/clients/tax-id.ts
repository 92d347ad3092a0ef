/**
 * Tax identifiers per country, with their check digits, so a typing error is caught when the
 * client is entered rather than when the first invoice bounces.
 */

/** A checked tax id in its stored form, or the message key of what is wrong. */
export type TaxIdCheck = { ok: true; value: string } | { ok: false; problem: string }

const digitsOf = (s: string): number[] => [...s].map(Number)

const weighted = (digits: number[], weights: number[]): number =>
  weights.reduce((sum, w, i) => sum + w * (digits[i] as number), 0)

/**
 * Hungarian adószám `12345678-1-23`: the 8th digit checks the first seven (weights 9,7,3,1,9,7,3;
 * the digit makes the sum end in 0); the 9th is the VAT code 1–5; the last two the tax office.
 */
export function hungarianTaxNumberValid(digits11: string): boolean {
  if (!/^\d{11}$/.test(digits11)) return false
  const d = digitsOf(digits11)
  const check = (10 - (weighted(d, [9, 7, 3, 1, 9, 7, 3]) % 10)) % 10
  return check === d[7]
}

/** Hungarian adóazonosító jel of a private person: 10 digits starting with 8; the last is Σ(i·dᵢ) mod 11. */
export function hungarianPersonalTaxIdValid(digits10: string): boolean {
  if (!/^8\d{9}$/.test(digits10)) return false
  const d = digitsOf(digits10)
  const rest = weighted(d, [1, 2, 3, 4, 5, 6, 7, 8, 9]) % 11
  return rest !== 10 && rest === d[9]
}

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]

/** Russian ИНН: 10 digits for an organisation (one check digit), 12 for a person or ИП (two). */
export function russianInnValid(inn: string): boolean {
  const d = digitsOf(inn)
  if (/^\d{10}$/.test(inn)) return (weighted(d, INN10_WEIGHTS) % 11) % 10 === d[9]
  if (/^\d{12}$/.test(inn)) {
    return (weighted(d, INN12_WEIGHTS_11) % 11) % 10 === d[10] && (weighted(d, INN12_WEIGHTS_12) % 11) % 10 === d[11]
  }
  return false
}

/** Russian КПП: 4 digits (tax office), 2 digits or capital letters (reason), 3 digits. */
export const russianKppValid = (kpp: string): boolean => /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp)

const compact = (raw: string) => raw.replace(/[\s.\-/]/g, '').toUpperCase()

function checkHungarian(raw: string): TaxIdCheck {
  const c = compact(raw)
  // The EU VAT number (közösségi adószám) is HU plus the first eight digits.
  if (/^HU\d{8}$/.test(c)) {
    return hungarianTaxNumberValid(`${c.slice(2)}000`)
      ? { ok: true, value: c }
      : { ok: false, problem: 'clients.tax_id.hu_checksum' }
  }
  if (/^8\d{9}$/.test(c)) {
    return hungarianPersonalTaxIdValid(c)
      ? { ok: true, value: c }
      : { ok: false, problem: 'clients.tax_id.hu_personal_checksum' }
  }
  if (!/^\d{11}$/.test(c)) return { ok: false, problem: 'clients.tax_id.hu_format' }
  if (!hungarianTaxNumberValid(c)) return { ok: false, problem: 'clients.tax_id.hu_checksum' }
  if (!/[1-5]/.test(c[8] as string)) return { ok: false, problem: 'clients.tax_id.hu_vat_code' }
  return { ok: true, value: `${c.slice(0, 8)}-${c.slice(8, 9)}-${c.slice(9)}` }
}

function checkRussian(raw: string): TaxIdCheck {
  const c = compact(raw)
  if (!/^\d{10}$/.test(c) && !/^\d{12}$/.test(c)) return { ok: false, problem: 'clients.tax_id.ru_format' }
  return russianInnValid(c) ? { ok: true, value: c } : { ok: false, problem: 'clients.tax_id.ru_checksum' }
}

/** Checks a tax id for `country` (ISO alpha-2); other countries get a plain format check. */
export function checkTaxId(country: string, raw: string): TaxIdCheck {
  if (country === 'HU') return checkHungarian(raw)
  if (country === 'RU') return checkRussian(raw)
  const value = raw.trim().toUpperCase().replace(/\s+/g, ' ')
  if (!/^[A-Z0-9][A-Z0-9 .\-/]{1,39}$/.test(value)) return { ok: false, problem: 'clients.tax_id.other_format' }
  return { ok: true, value }
}

/** Checks a KPP: only Russian organisations (10-digit INN) have one. */
export function checkKpp(country: string, taxId: string | null, raw: string): TaxIdCheck {
  const value = raw.replace(/\s/g, '').toUpperCase()
  if (country !== 'RU' || !taxId || taxId.length !== 10)
    return { ok: false, problem: 'clients.kpp_only_ru_organisations' }
  return russianKppValid(value) ? { ok: true, value } : { ok: false, problem: 'clients.kpp_format' }
}

/** The digits of a tax id, for search ("12345678123" finds "12345678-1-23"). */
export const taxIdDigits = (taxId: string): string => taxId.replace(/\D/g, '')
