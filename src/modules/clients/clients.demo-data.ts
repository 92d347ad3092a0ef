import { makeIban } from './bank-accounts.js'
import type { ClientKind, ClientStatus } from './clients.constants.js'
import type { BankAccount } from './clients.schema.js'

// Deterministic demo details (the loader's seeded random), with tax numbers and IBANs that pass
// the same checks as typed ones.

export type Random = () => number
export const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T
export const digits = (r: Random, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('')

/** A Hungarian adószám with a correct check digit (weights 9,7,3,1,9,7,3) and VAT code 2. */
function huTaxNumber(r: Random): string {
  const seven = `${1 + Math.floor(r() * 9)}${digits(r, 6)}`
  const sum = [9, 7, 3, 1, 9, 7, 3].reduce((s, w, i) => s + w * Number(seven[i]), 0)
  return `${seven}${(10 - (sum % 10)) % 10}-2-${pick(r, ['41', '42', '43', '44', '13', '09', '02'])}`
}

const innCheck = (d: string, weights: number[]) =>
  String((weights.reduce((s, w, i) => s + w * Number(d[i]), 0) % 11) % 10)

/** A Russian ИНН: 10 digits for an organisation, 12 for an ИП, with correct check digits. */
function russianInn(r: Random, person: boolean): string {
  const region = pick(r, ['77', '78', '50', '66', '54', '63', '16'])
  if (!person) {
    const nine = `${region}${digits(r, 7)}`
    return nine + innCheck(nine, [2, 4, 10, 3, 5, 9, 4, 6, 8])
  }
  const ten = `${region}${digits(r, 8)}`
  const eleven = ten + innCheck(ten, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
  return eleven + innCheck(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
}

interface Foreign {
  country: string
  taxId: string
  city: string
  bank: BankAccount
}

// The demo's foreign clients (indices 20–29), each with a plausible tax number format of its country.
const foreign = (r: Random, i: number): Foreign => {
  const list: Foreign[] = [
    {
      country: 'GB',
      taxId: `GB${digits(r, 9)}`,
      city: 'London EC1A 1BB, 10 Bread Street',
      bank: {
        bankName: 'Barclays',
        account: makeIban('GB', `BARC2000${digits(r, 10)}`),
        bic: 'BARCGB22',
        currency: 'GBP',
      },
    },
    {
      country: 'DE',
      taxId: `DE${digits(r, 9)}`,
      city: '20095 Hamburg, Mönckebergstraße 7',
      bank: {
        bankName: 'Deutsche Bank',
        account: makeIban('DE', `20070000${digits(r, 10)}`),
        bic: 'DEUTDEHH',
        currency: 'EUR',
      },
    },
    {
      country: 'CH',
      taxId: `CHE-${digits(r, 3)}.${digits(r, 3)}.${digits(r, 3)}`,
      city: '8001 Zürich, Bahnhofstrasse 21',
      bank: { bankName: 'UBS', account: makeIban('CH', `00230${digits(r, 12)}`), bic: 'UBSWCHZH80A', currency: 'CHF' },
    },
    {
      country: 'GB',
      taxId: `GB${digits(r, 9)}`,
      city: 'Manchester M1 1AE, 3 Piccadilly',
      bank: { bankName: 'HSBC', account: makeIban('GB', `HBUK4012${digits(r, 10)}`), bic: 'HBUKGB4B', currency: 'GBP' },
    },
    {
      country: 'US',
      taxId: `${digits(r, 2)}-${digits(r, 7)}`,
      city: 'Portland, OR 97204, 1120 SW 5th Ave',
      bank: { bankName: 'Chase', account: digits(r, 12), bic: 'CHASUS33', currency: 'USD' },
    },
    {
      country: 'CZ',
      taxId: `CZ${digits(r, 8)}`,
      city: '110 00 Praha 1, Národní 10',
      bank: {
        bankName: 'Česká spořitelna',
        account: makeIban('CZ', `0800${digits(r, 16)}`),
        bic: 'GIBACZPX',
        currency: 'CZK',
      },
    },
    {
      country: 'GB',
      taxId: `GB${digits(r, 9)}`,
      city: 'Edinburgh EH2 2ER, 25 George Street',
      bank: {
        bankName: 'Lloyds',
        account: makeIban('GB', `LOYD3099${digits(r, 10)}`),
        bic: 'LOYDGB2L',
        currency: 'GBP',
      },
    },
    {
      country: 'NL',
      taxId: `NL${digits(r, 9)}B01`,
      city: '1012 JS Amsterdam, Damrak 1',
      bank: { bankName: 'ING', account: makeIban('NL', `INGB${digits(r, 10)}`), bic: 'INGBNL2A', currency: 'EUR' },
    },
    {
      country: 'GB',
      taxId: `GB${digits(r, 9)}`,
      city: 'Sheffield S1 2HH, 1 Fargate',
      bank: {
        bankName: 'NatWest',
        account: makeIban('GB', `NWBK6016${digits(r, 10)}`),
        bic: 'NWBKGB2L',
        currency: 'GBP',
      },
    },
    {
      country: 'CA',
      taxId: `${digits(r, 9)}RT0001`,
      city: 'Toronto, ON M5H 2N2, 100 King St W',
      bank: { bankName: 'RBC', account: digits(r, 12), bic: 'ROYCCAT2', currency: 'CAD' },
    },
  ]
  return list[i - 20] as Foreign
}

const HU_STREETS = [
  'Váci út',
  'Andrássy út',
  'Rákóczi út',
  'Fő utca',
  'Kossuth Lajos utca',
  'Petőfi Sándor utca',
  'Széchenyi tér',
]
const HU_CITIES = [
  '1051 Budapest',
  '8200 Veszprém',
  '8600 Siófok',
  '6720 Szeged',
  '1138 Budapest',
  '3300 Eger',
  '8230 Balatonfüred',
  '9021 Győr',
  '8380 Hévíz',
  '6000 Kecskemét',
]
const RU_CITIES = [
  '123112, г. Москва, Пресненская наб., д. 12',
  '620014, г. Екатеринбург, ул. Малышева, д. 51',
  '603005, г. Нижний Новгород, ул. Большая Покровская, д. 2',
  '664025, г. Иркутск, ул. Карла Маркса, д. 7',
  '125009, г. Москва, ул. Тверская, д. 7',
  '660049, г. Красноярск, пр. Мира, д. 10',
  '191186, г. Санкт-Петербург, Невский пр., д. 28',
  '295000, г. Симферополь, ул. Пушкина, д. 3',
  '630099, г. Новосибирск, Красный пр., д. 25',
  '683000, г. Петропавловск-Камчатский, ул. Ленинская, д. 18',
]
const RU_BANKS: BankAccount[] = [
  { bankName: 'ПАО Сбербанк', account: '', bic: '044525225', currency: 'RUB' },
  { bankName: 'Банк ВТБ (ПАО)', account: '', bic: '044525187', currency: 'RUB' },
  { bankName: 'АО «Альфа-Банк»', account: '', bic: '044525593', currency: 'RUB' },
]
const HU_BANKS = [
  { bankName: 'OTP Bank', prefix: '117', bic: 'OTPVHUHB' },
  { bankName: 'K&H Bank', prefix: '104', bic: 'OKHBHUHB' },
  { bankName: 'Erste Bank', prefix: '116', bic: 'GIBAHUHB' },
]
export const GROUPS = {
  hu: ['Nagykereskedelem', 'Kiskereskedelem', 'Szolgáltatás'],
  ru: ['Опт', 'Розница', 'Услуги'],
  en: ['Wholesale', 'Services', 'Manufacturing'],
}
export const TAGS = ['VIP', 'export', 'new', 'annual contract', 'late payer', 'EDI']
export const STATUS_OF: Record<number, ClientStatus> = {
  5: 'prospect',
  17: 'prospect',
  27: 'prospect',
  8: 'suspended',
  22: 'suspended',
  13: 'archived',
}
export const ACCOUNTANTS = {
  hu: ['Kiss Erzsébet', 'Szabó Márta', 'Fekete Ildikó'],
  ru: ['Морозова Ирина', 'Волкова Анна', 'Зайцева Татьяна'],
  en: ['Linda Carter', 'Paul Becker', 'Nina Svoboda'],
}
export const TECHNICAL = {
  hu: ['Balogh Tamás', 'Papp Dániel'],
  ru: ['Орлов Павел', 'Никитин Артём'],
  en: ['Tom Harris', 'Jan de Vries'],
}

export function clientDetails(r: Random, i: number, name: string) {
  const lang = i < 10 ? 'hu' : i < 20 ? 'ru' : 'en'
  const slug = `client${String(i + 1).padStart(2, '0')}`
  if (lang === 'hu') {
    const bank = pick(r, HU_BANKS)
    const address = `${HU_CITIES[i] ?? '1051 Budapest'}, ${pick(r, HU_STREETS)} ${1 + Math.floor(r() * 80)}.`
    return {
      lang,
      kind: 'company' as ClientKind,
      country: 'HU',
      tax_id: huTaxNumber(r),
      kpp: null,
      registration_number: `${String(1 + Math.floor(r() * 20)).padStart(2, '0')}-${pick(r, ['09', '10'])}-${digits(r, 6)}`,
      legal_address: address,
      phone: `+36 ${pick(r, ['1', '20', '30', '70'])} ${digits(r, 3)} ${digits(r, 4)}`,
      email: `info@${slug}.hu`,
      website: `https://www.${slug}.hu`,
      bank_accounts: [
        {
          bankName: bank.bankName,
          account: makeIban('HU', `${bank.prefix}${digits(r, 21)}`).replace(/(.{4})(?=.)/g, '$1 '),
          bic: bank.bic,
          currency: 'HUF',
        },
      ],
    }
  }
  if (lang === 'ru') {
    const person = name.startsWith('ИП')
    const inn = russianInn(r, person)
    const bank = pick(r, RU_BANKS)
    return {
      lang,
      kind: (person ? 'individual' : 'company') as ClientKind,
      country: 'RU',
      tax_id: inn,
      kpp: person ? null : `${inn.slice(0, 4)}01001`,
      registration_number: person ? `3${digits(r, 14)}` : `1${digits(r, 12)}`,
      legal_address: RU_CITIES[i - 10] ?? RU_CITIES[0] ?? '',
      phone: `+7 ${pick(r, ['495', '812', '343', '383'])} ${digits(r, 3)}-${digits(r, 2)}-${digits(r, 2)}`,
      email: `office@${slug}.ru`,
      website: `https://${slug}.ru`,
      bank_accounts: [{ ...bank, account: `40702810${digits(r, 12)}` }],
    }
  }
  const f = foreign(r, i)
  return {
    lang,
    kind: 'company' as ClientKind,
    country: f.country,
    tax_id: f.taxId,
    kpp: null,
    registration_number: digits(r, 8),
    legal_address: f.city,
    phone: `+${pick(r, ['44', '49', '41', '1', '420', '31'])} ${digits(r, 3)} ${digits(r, 4)}`,
    email: `hello@${slug}.example`,
    website: `https://www.${slug}.example`,
    bank_accounts: [f.bank],
  }
}
