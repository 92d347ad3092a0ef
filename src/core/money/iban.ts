/** IBAN helpers (ISO 13616), shared by company settings and client bank accounts. */

const compact = (account: string) => account.replace(/[\s-]/g, '').toUpperCase()

/** Whether an account number is written as an IBAN: country code, two check digits, 11–30 more. */
export const looksLikeIban = (account: string): boolean => /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact(account))

/** The remainder modulo 97 of a string of digits and letters, letters counting as 10–35 (ISO 7064). */
function mod97(text: string): number {
  let remainder = 0
  for (const ch of text) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97
  }
  return remainder
}

/** ISO 13616 mod-97: the IBAN with its first four characters moved to the end is 1 modulo 97. */
export function ibanValid(account: string): boolean {
  const iban = compact(account)
  return looksLikeIban(iban) && mod97(iban.slice(4) + iban.slice(0, 4)) === 1
}

/** Builds an IBAN from a country code and a domestic account (BBAN) by computing its check digits. */
export function makeIban(country: string, bban: string): string {
  const check = 98 - mod97(`${bban}${country}00`)
  return `${country}${String(check).padStart(2, '0')}${bban}`
}

/** An IBAN in its printed form, groups of four. */
export const formatIban = (account: string): string => compact(account).replace(/(.{4})(?=.)/g, '$1 ')
