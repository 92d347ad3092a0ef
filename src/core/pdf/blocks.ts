import type { Column, Content, ContextPageSize, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import { currencyDigits, formatDate, formatNumber, minorToDecimal } from '../i18n/format.js'
import type { Locale } from '../i18n/messages.js'
import { amountInWords } from '../money/amount-words.js'
import { imageData } from './pdf.js'
import { PDF_LABELS } from './pdf-labels.js'

// Reusable blocks of an accounting document. Each takes plain data already in the document's
// language (names, descriptions) and prints its own labels from PDF_LABELS[locale].

export interface PdfParty {
  name: string
  taxId?: string | null
  address?: string | null
  email?: string | null
  phone?: string | null
  /** Further lines printed under the details (e.g. a VAT status), already translated. */
  lines?: string[]
}

export interface PdfBankAccount {
  bankName: string
  account: string
  bic: string
  currency?: string
}

export interface PdfIssuer extends PdfParty {
  logo?: Buffer | null
  bankAccount?: PdfBankAccount | null
}

export interface PdfLine {
  description: string
  /** Quantity in thousandths (1.5 pcs = 1500). */
  quantityMilli: number
  unit: string
  unitPriceMinor: number
  /** Basis points (27% = 2700); null where the VAT is not known per line (printed as a dash). */
  vatRateBp: number | null
  netMinor: number
  vatMinor: number
  grossMinor: number
}

export interface PdfTotals {
  netMinor: number
  vatMinor: number
  grossMinor: number
  currency: string
}

export interface PdfSigner {
  /** The printed role, e.g. PDF_LABELS[locale].director. */
  role: string
  name: string
  signature?: Buffer | null
}

export interface PdfSigningParty {
  /** Heading over the party's signatures (e.g. the company name, or "Customer"). */
  title: string
  signers: PdfSigner[]
  stamp?: Buffer | null
}

const GREY = '#555555'
const RULE = '#999999'

/** A decimal amount of `minor` units, grouped for `locale`, without the currency sign. */
export function pdfAmount(locale: Locale, minor: number, currency: string): string {
  const digits = currencyDigits(currency)
  return formatNumber(locale, minorToDecimal(minor, currency) as never, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

/** An amount with its currency code ("1 234,50 EUR"): codes read the same in every language. */
export const pdfMoney = (locale: Locale, minor: number, currency: string): string =>
  `${pdfAmount(locale, minor, currency)} ${currency}`

const quantityText = (locale: Locale, milli: number): string =>
  formatNumber(locale, (milli / 1000) as number, { maximumFractionDigits: 3 })

const rateText = (locale: Locale, bp: number): string =>
  `${formatNumber(locale, bp / 100, { maximumFractionDigits: 2 })}%`

function partyLines(locale: Locale, party: PdfParty): Content[] {
  const l = PDF_LABELS[locale]
  const out: Content[] = [{ text: party.name, bold: true }]
  if (party.address) out.push({ text: party.address })
  if (party.taxId) out.push({ text: `${l.taxId}: ${party.taxId}` })
  if (party.email) out.push({ text: `${l.email}: ${party.email}` })
  if (party.phone) out.push({ text: `${l.phone}: ${party.phone}` })
  for (const line of party.lines ?? []) out.push({ text: line })
  return out
}

function bankLines(locale: Locale, bank: PdfBankAccount | null | undefined): Content[] {
  if (!bank) return []
  const l = PDF_LABELS[locale]
  return [
    { text: `${l.bankAccount}: ${bank.account}${bank.currency ? ` (${bank.currency})` : ''}` },
    { text: [bank.bankName, bank.bic ? `${l.bic}: ${bank.bic}` : ''].filter(Boolean).join(', ') },
  ]
}

/**
 * The top of the first page: the issuer's logo and details with its bank account on the left,
 * the document title, number, date and any further facts on the right.
 */
export function issuerHeader(
  locale: Locale,
  issuer: PdfIssuer,
  doc: { title: string; number: string; date: string; facts?: [string, string][] },
): Content {
  const l = PDF_LABELS[locale]
  const left: Content[] = []
  if (issuer.logo) left.push({ image: imageData(issuer.logo), fit: [140, 50], margin: [0, 0, 0, 6] })
  left.push({ stack: [...partyLines(locale, issuer), ...bankLines(locale, issuer.bankAccount)], color: GREY })
  const facts: TableCell[][] = [
    [
      { text: l.number, color: GREY },
      { text: doc.number, bold: true },
    ],
    [{ text: l.date, color: GREY }, formatDate(locale, doc.date)],
    ...(doc.facts ?? []).map(([label, value]): TableCell[] => [{ text: label, color: GREY }, value]),
  ]
  return {
    columns: [
      { width: '*', stack: left },
      {
        width: 'auto',
        stack: [
          { text: doc.title, fontSize: 15, bold: true, alignment: 'right', margin: [0, 0, 0, 6] },
          { layout: 'noBorders', table: { body: facts } },
        ],
      },
    ],
    columnGap: 16,
    margin: [0, 0, 0, 14],
  }
}

/** Two (or more) parties side by side, each under its heading ("Issued by", "Customer"). */
export function partiesBlock(
  locale: Locale,
  parties: { heading: string; party: PdfParty & { bankAccount?: PdfBankAccount | null } }[],
): Content {
  return {
    columns: parties.map(({ heading, party }) => ({
      width: '*',
      stack: [
        { text: heading.toLocaleUpperCase(), fontSize: 7, color: GREY, margin: [0, 0, 0, 2] },
        ...partyLines(locale, party),
        ...bankLines(locale, party.bankAccount),
      ],
    })),
    columnGap: 16,
    margin: [0, 0, 0, 12],
  }
}

/** The lines table: position, description, quantity and unit, unit price, VAT rate, net, VAT, gross. */
export function linesTable(locale: Locale, lines: PdfLine[], currency: string): Content {
  const l = PDF_LABELS[locale]
  const head = (text: string, alignment: 'left' | 'right' = 'right'): TableCell => ({
    text,
    bold: true,
    fontSize: 8,
    alignment,
    fillColor: '#eeeeee',
  })
  const num = (text: string): TableCell => ({ text, alignment: 'right', noWrap: true })
  const body: TableCell[][] = [
    [
      head(l.position),
      head(l.description, 'left'),
      head(l.quantity),
      head(l.unit, 'left'),
      head(l.unitPrice),
      head(l.vatRate),
      head(l.net),
      head(l.vat),
      head(l.gross),
    ],
    ...lines.map((line, i): TableCell[] => [
      num(String(i + 1)),
      { text: line.description },
      num(quantityText(locale, line.quantityMilli)),
      { text: line.unit },
      num(pdfAmount(locale, line.unitPriceMinor, currency)),
      num(line.vatRateBp === null ? '—' : rateText(locale, line.vatRateBp)),
      num(line.vatRateBp === null ? '—' : pdfAmount(locale, line.netMinor, currency)),
      num(line.vatRateBp === null ? '—' : pdfAmount(locale, line.vatMinor, currency)),
      num(pdfAmount(locale, line.grossMinor, currency)),
    ]),
  ]
  return {
    table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto'], body },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    margin: [0, 0, 0, 8],
  }
}

/**
 * Totals in figures (net, VAT, total) on the right — only the total when the VAT is not known —
 * and the total in words under it unless `inWords` is false.
 */
export function totalsBlock(
  locale: Locale,
  totals: PdfTotals,
  opts: { inWords?: boolean; vatKnown?: boolean } = {},
): Content {
  const l = PDF_LABELS[locale]
  const row = (label: string, minor: number, bold = false): TableCell[] => [
    { text: label, bold, alignment: 'right' },
    { text: pdfMoney(locale, minor, totals.currency), bold, alignment: 'right', noWrap: true },
  ]
  const out: Content[] = [
    {
      columns: [
        { width: '*', text: '' },
        {
          width: 'auto',
          layout: 'noBorders',
          table: {
            body: [
              ...(opts.vatKnown === false ? [] : [row(l.totalNet, totals.netMinor), row(l.totalVat, totals.vatMinor)]),
              row(l.total, totals.grossMinor, true),
            ],
          },
        },
      ],
    },
  ]
  if (opts.inWords !== false) {
    out.push({
      text: [
        { text: `${l.inWords}: `, color: GREY },
        { text: amountInWords(locale, totals.grossMinor, totals.currency), italics: true },
      ],
      margin: [0, 6, 0, 0],
    })
  }
  return { stack: out, margin: [0, 0, 0, 16], unbreakable: true }
}

/**
 * Signature lines for each party. When `signed`, the stored signature images sit on the lines and
 * the stamp beside them (facsimile); otherwise the lines stay empty for a hand signature.
 */
export function signatureBlock(locale: Locale, parties: PdfSigningParty[], opts: { signed: boolean }): Content {
  const l = PDF_LABELS[locale]
  const signerRow = (signer: PdfSigner): Content => ({
    columns: [
      { width: 90, text: signer.role, color: GREY, margin: [0, 18, 0, 0] },
      {
        width: 110,
        stack: [
          opts.signed && signer.signature
            ? { image: imageData(signer.signature), fit: [110, 32], alignment: 'center' }
            : { text: ' ', margin: [0, 12, 0, 12] },
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 110, y2: 0, lineWidth: 0.5, lineColor: RULE }] },
          { text: l.signature, fontSize: 6, color: GREY, alignment: 'center' },
        ],
      },
      { width: '*', text: signer.name, margin: [6, 18, 0, 0] },
    ],
    margin: [0, 0, 0, 4],
  })
  const party = (p: PdfSigningParty): Column => ({
    width: '*',
    stack: [
      { text: p.title, bold: true, margin: [0, 0, 0, 2] },
      ...p.signers.map(signerRow),
      opts.signed && p.stamp
        ? { image: imageData(p.stamp), fit: [80, 80], margin: [110, -40, 0, 0] }
        : { text: l.stamp, fontSize: 7, color: GREY, margin: [60, 4, 0, 0] },
    ],
  })
  return { columns: parties.map(party), columnGap: 20, unbreakable: true, margin: [0, 6, 0, 0] }
}

/** Page numbers (and an optional note) at the foot of every page. */
export function pageFooter(locale: Locale, note?: string): TDocumentDefinitions['footer'] {
  const l = PDF_LABELS[locale]
  return (currentPage: number, pageCount: number, _size: ContextPageSize): Content => ({
    columns: [
      { text: note ?? '', fontSize: 7, color: GREY },
      {
        text: l.page.replace('{n}', String(currentPage)).replace('{of}', String(pageCount)),
        fontSize: 7,
        color: GREY,
        alignment: 'right',
        width: 'auto',
      },
    ],
    margin: [40, 10, 40, 0],
  })
}

/**
 * A whole A4 document around `content`: page footer, and — for a facsimile copy — a "COPY"
 * watermark on every page plus a printed note, so no reader can take it for an original.
 */
export function documentDefinition(opts: {
  locale: Locale
  title: string
  content: Content[]
  copy?: boolean
  footerNote?: string
}): TDocumentDefinitions {
  const l = PDF_LABELS[opts.locale]
  const content: Content[] = opts.copy
    ? [{ text: `${l.copy} — ${l.copyNote}`, bold: true, color: '#b00020', margin: [0, 0, 0, 8] }, ...opts.content]
    : opts.content
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: opts.title, creator: 'Kabinet' },
    content,
    footer: pageFooter(opts.locale, opts.footerNote),
    ...(opts.copy ? { watermark: { text: l.copy, opacity: 0.12, bold: true, fontSize: 90 } } : {}),
  }
}
