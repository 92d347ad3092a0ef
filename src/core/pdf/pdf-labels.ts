import type { Locale } from '../i18n/messages.js'

// Printed words of the shared PDF blocks. They live beside the blocks (not in the UI catalog)
// because a document is rendered in its own language, whatever the reader's interface language.

export interface PdfLabels {
  number: string
  date: string
  issuer: string
  buyer: string
  taxId: string
  address: string
  email: string
  phone: string
  bankAccount: string
  bank: string
  bic: string
  position: string
  description: string
  quantity: string
  unit: string
  unitPrice: string
  vatRate: string
  net: string
  vat: string
  gross: string
  totalNet: string
  totalVat: string
  total: string
  inWords: string
  signature: string
  stamp: string
  page: string
  copy: string
  copyNote: string
  director: string
  chiefAccountant: string
}

export const PDF_LABELS: Record<Locale, PdfLabels> = {
  en: {
    number: 'Number',
    date: 'Date',
    issuer: 'Issued by',
    buyer: 'Customer',
    taxId: 'Tax number',
    address: 'Address',
    email: 'E-mail',
    phone: 'Phone',
    bankAccount: 'Bank account',
    bank: 'Bank',
    bic: 'BIC/SWIFT',
    position: 'No.',
    description: 'Description',
    quantity: 'Qty',
    unit: 'Unit',
    unitPrice: 'Unit price',
    vatRate: 'VAT %',
    net: 'Net',
    vat: 'VAT',
    gross: 'Total',
    totalNet: 'Total net',
    totalVat: 'Total VAT',
    total: 'Total due',
    inWords: 'In words',
    signature: 'signature',
    stamp: 'stamp',
    page: 'Page {n} of {of}',
    copy: 'COPY',
    copyNote: 'Copy: the signature and stamp are printed facsimiles.',
    director: 'Director',
    chiefAccountant: 'Chief accountant',
  },
  hu: {
    number: 'Sorszám',
    date: 'Kelt',
    issuer: 'Kiállító',
    buyer: 'Vevő',
    taxId: 'Adószám',
    address: 'Cím',
    email: 'E-mail',
    phone: 'Telefon',
    bankAccount: 'Bankszámlaszám',
    bank: 'Bank',
    bic: 'BIC/SWIFT',
    position: 'Ssz.',
    description: 'Megnevezés',
    quantity: 'Menny.',
    unit: 'Egység',
    unitPrice: 'Egységár',
    vatRate: 'ÁFA %',
    net: 'Nettó',
    vat: 'ÁFA',
    gross: 'Bruttó',
    totalNet: 'Nettó összesen',
    totalVat: 'ÁFA összesen',
    total: 'Fizetendő',
    inWords: 'Azaz',
    signature: 'aláírás',
    stamp: 'P. H.',
    page: '{n}. oldal / {of}',
    copy: 'MÁSOLAT',
    copyNote: 'Másolat: az aláírás és a bélyegző nyomtatott faximile.',
    director: 'Ügyvezető',
    chiefAccountant: 'Főkönyvelő',
  },
  ru: {
    number: 'Номер',
    date: 'Дата',
    issuer: 'Поставщик',
    buyer: 'Покупатель',
    taxId: 'ИНН',
    address: 'Адрес',
    email: 'Эл. почта',
    phone: 'Телефон',
    bankAccount: 'Расчётный счёт',
    bank: 'Банк',
    bic: 'БИК/SWIFT',
    position: '№',
    description: 'Наименование',
    quantity: 'Кол-во',
    unit: 'Ед.',
    unitPrice: 'Цена',
    vatRate: 'НДС %',
    net: 'Сумма без НДС',
    vat: 'НДС',
    gross: 'Всего',
    totalNet: 'Итого без НДС',
    totalVat: 'Итого НДС',
    total: 'Всего к оплате',
    inWords: 'Сумма прописью',
    signature: 'подпись',
    stamp: 'М. П.',
    page: 'Страница {n} из {of}',
    copy: 'КОПИЯ',
    copyNote: 'Копия: подпись и печать воспроизведены факсимиле.',
    director: 'Руководитель',
    chiefAccountant: 'Главный бухгалтер',
  },
}
