import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import { formatDate } from '../../core/i18n/format.js'
import type { Locale } from '../../core/i18n/messages.js'
import {
  documentDefinition,
  issuerHeader,
  linesTable,
  type PdfIssuer,
  type PdfLine,
  type PdfParty,
  type PdfSigner,
  partiesBlock,
  signatureBlock,
  totalsBlock,
} from '../../core/pdf/blocks.js'
import { PDF_LABELS } from '../../core/pdf/pdf-labels.js'
import type { SignerRole, VatStatus } from './documents.constants.js'

// One template per generated kind, in the document's language. The words here are printed on the
// PDF, so they follow GLOSSARY.md: a payment request says in every language that it is not a tax invoice.

export type GeneratedKind = 'payment_request' | 'delivery_note' | 'service_act'

interface TemplateWords {
  title: Record<GeneratedKind, string>
  note: Record<GeneratedKind, string>
  dueDate: string
  reference: string
  order: string
  vat: Record<VatStatus, string>
  customerSigns: string
  piece: string
}

const WORDS: Record<Locale, TemplateWords> = {
  en: {
    title: {
      payment_request: 'Payment request',
      delivery_note: 'Delivery note',
      service_act: 'Certificate of completion',
    },
    note: {
      payment_request:
        'This payment request is not a tax invoice. Please quote the payment reference with your transfer.',
      delivery_note:
        'The goods listed above were handed over in full; the customer has checked quantity and condition.',
      service_act:
        'The services listed above were rendered in full and on time; the customer has no claims about their scope or quality.',
    },
    dueDate: 'Due date',
    reference: 'Payment reference',
    order: 'Order',
    vat: { payer: 'VAT registered', not_payer: 'Not registered for VAT', exempt: 'VAT exempt' },
    customerSigns: 'Received by the customer',
    piece: 'pcs',
  },
  hu: {
    title: { payment_request: 'Díjbekérő', delivery_note: 'Szállítólevél', service_act: 'Teljesítésigazolás' },
    note: {
      payment_request:
        'A díjbekérő nem számla, áfa levonására nem jogosít. Utaláskor kérjük, a közleményt tüntesse fel.',
      delivery_note: 'A fent felsorolt árukat hiánytalanul átadtuk; a vevő a mennyiséget és az állapotot ellenőrizte.',
      service_act:
        'A fent felsorolt szolgáltatásokat teljes körűen és határidőre teljesítettük; a megrendelőnek kifogása nincs.',
    },
    dueDate: 'Fizetési határidő',
    reference: 'Közlemény',
    order: 'Megrendelés',
    vat: { payer: 'Áfakörbe tartozik', not_payer: 'Alanyi adómentes', exempt: 'Áfamentes' },
    customerSigns: 'Átvette (vevő)',
    piece: 'db',
  },
  ru: {
    title: {
      payment_request: 'Счёт на оплату',
      delivery_note: 'Товарная накладная',
      service_act: 'Акт выполненных работ (оказанных услуг)',
    },
    note: {
      payment_request: 'Счёт на оплату не является счётом-фактурой. При оплате укажите назначение платежа.',
      delivery_note: 'Перечисленные товары переданы полностью; покупатель проверил количество и состояние.',
      service_act: 'Перечисленные услуги оказаны полностью и в срок; заказчик претензий по объёму и качеству не имеет.',
    },
    dueDate: 'Оплатить до',
    reference: 'Назначение платежа',
    order: 'Заказ',
    vat: { payer: 'Плательщик НДС', not_payer: 'Без НДС', exempt: 'Освобождён от НДС' },
    customerSigns: 'Получил (покупатель)',
    piece: 'шт',
  },
}

export const templateWords = (locale: Locale): TemplateWords => WORDS[locale]

export interface SignerImage {
  role: SignerRole
  name: string
  signature: Buffer | null
}

export interface TemplateData {
  kind: GeneratedKind
  locale: Locale
  number: string
  date: string
  issuer: PdfIssuer & { vatStatus: VatStatus; signers: SignerImage[]; stamp: Buffer | null }
  client: PdfParty
  lines: PdfLine[]
  totals: { netMinor: number; vatMinor: number; grossMinor: number; currency: string }
  /** Whether VAT is known per line (payment requests, shipments) or only the gross (a single charge). */
  vatKnown: boolean
  dueDate?: string | null
  paymentReference?: string | null
  orderNumber?: string | null
  signed: boolean
  copy: boolean
}

/** Who signs each kind for the issuer: a payment request both; a delivery note or an act the director. */
const SIGNING_ROLES: Record<GeneratedKind, SignerRole[]> = {
  payment_request: ['director', 'chief_accountant'],
  delivery_note: ['director'],
  service_act: ['director'],
}

/** The signers printed for `kind`, one per role in the kind's order (the first of each role). */
export function signersFor(kind: GeneratedKind, signers: SignerImage[]): SignerImage[] {
  return SIGNING_ROLES[kind].flatMap((role) => signers.find((s) => s.role === role) ?? [])
}

/** The whole pdfmake definition of a generated document. */
export function buildDefinition(d: TemplateData): TDocumentDefinitions {
  const w = WORDS[d.locale]
  const l = PDF_LABELS[d.locale]
  const facts: [string, string][] = []
  if (d.dueDate) facts.push([w.dueDate, formatDate(d.locale, d.dueDate)])
  if (d.paymentReference) facts.push([w.reference, d.paymentReference])
  if (d.orderNumber) facts.push([w.order, d.orderNumber])
  const issuer: PdfIssuer = { ...d.issuer, lines: [w.vat[d.issuer.vatStatus]] }
  const printed: PdfSigner[] = signersFor(d.kind, d.issuer.signers).map((s) => ({
    role: s.role === 'director' ? l.director : l.chiefAccountant,
    name: s.name,
    signature: s.signature,
  }))
  const parties = [{ title: d.issuer.name, signers: printed, stamp: d.issuer.stamp }]
  if (d.kind !== 'payment_request')
    parties.push({ title: w.customerSigns, signers: [{ role: d.client.name, name: '' }], stamp: null })
  const content: Content[] = [
    issuerHeader(d.locale, issuer, { title: w.title[d.kind], number: d.number, date: d.date, facts }),
    partiesBlock(d.locale, [
      { heading: l.issuer, party: { name: d.issuer.name, taxId: d.issuer.taxId, address: d.issuer.address } },
      { heading: l.buyer, party: d.client },
    ]),
    linesTable(d.locale, d.lines, d.totals.currency),
    totalsBlock(d.locale, d.totals, { vatKnown: d.vatKnown }),
    { text: w.note[d.kind], fontSize: 8, margin: [0, 0, 0, 12] },
    signatureBlock(d.locale, parties, { signed: d.signed }),
  ]
  return documentDefinition({
    locale: d.locale,
    title: `${w.title[d.kind]} ${d.number}`,
    content,
    copy: d.copy,
    footerNote: `${w.title[d.kind]} ${d.number}`,
  })
}
