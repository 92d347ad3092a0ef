import { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { NotFoundError, RuleError } from '../../core/errors.js'
import { isLocale, type Locale } from '../../core/i18n/messages.js'
import { nextNumber } from '../../core/numbering/numbering.js'
import type { PdfLine } from '../../core/pdf/blocks.js'
import { renderPdf } from '../../core/pdf/pdf.js'
import { getEntry, getInvoiceDetail } from '../finance/index.js'
import { getShipment, linkShipmentToFinance } from '../orders/index.js'
import {
  buildDefinition,
  type GeneratedKind,
  type SignerImage,
  signersFor,
  templateWords,
} from './document-templates.js'
import type { DocumentTable } from './documents.schema.js'
import { type DocumentView, getDocument } from './documents.service.js'
import { documentsSettings } from './documents-settings.js'
import { type IssuerView, issuerForClient } from './issuers.service.js'

// Generation runs as the system: the caller has already been checked (the event came from a
// committed change, or the route read the invoice in the caller's scope first).

// A system ctx already (the demo loader's transaction, an event handler's) is used as it is, so its
// transaction is joined rather than a second connection opened beside it.
const sys = (ctx: Ctx) =>
  ctx.actor === null && ctx.scope.kind === 'all' ? ctx : Ctx.system(ctx.services, 'documents: generate')

/** The document's language: Hungarian and Russian clients get theirs, others the company's default. */
export function languageFor(country: string | null, fallback: Locale): Locale {
  if (country === 'HU') return 'hu'
  if (country && ['RU', 'BY', 'KZ', 'KG', 'AM'].includes(country)) return 'ru'
  return fallback
}

async function clientParty(ctx: Ctx, clientId: string) {
  const c = await ctx.db
    .selectFrom('clients')
    .select(['name', 'tax_id', 'legal_address', 'country', 'email', 'phone'])
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!c) throw new NotFoundError('client')
  return c
}

function readImage(ctx: Ctx, sha: string | null): Buffer | null {
  if (!sha) return null
  try {
    return ctx.services.files.readBuffer(sha)
  } catch {
    return null
  }
}

async function findBySource(ctx: Ctx, key: string): Promise<DocumentView | null> {
  const row = await ctx.db.selectFrom('documents').select('id').where('source_key', '=', key).executeTakeFirst()
  return row ? getDocument(ctx, row.id) : null
}

interface Draft {
  kind: GeneratedKind
  clientId: string
  date: string
  lines: PdfLine[]
  totals: { netMinor: number; vatMinor: number; grossMinor: number; currency: string }
  vatKnown: boolean
  sourceKey: string
  links: Partial<Pick<DocumentTable, 'invoice_id' | 'ledger_entry_id' | 'shipment_id' | 'order_id'>>
  /** Given (a payment request keeps its number), or taken from the kind's sequence at storing. */
  number?: string
  dueDate?: string | null
  paymentReference?: string | null
}

/**
 * Renders and stores one generated document: the issuer that speaks to the client, the facsimile
 * rules of the kind (stamp and signatures only where allowed, "copy" where required), an audit
 * record, and one more for every facsimile-signed document. Made once per source.
 */
async function produce(ctx: Ctx, d: Draft): Promise<DocumentView> {
  const existing = await findBySource(ctx, d.sourceKey)
  if (existing) return existing
  const settings = await documentsSettings(ctx)
  const company = await ctx.services.settings.get('company')
  const client = await clientParty(ctx, d.clientId)
  const issuer = await issuerForClient(ctx, d.clientId)
  const locale = languageFor(client.country, isLocale(company.defaultLocale) ? company.defaultLocale : 'en')
  const rule = settings.facsimile[d.kind]
  const signed = settings.signGenerated && rule !== 'never'
  const copy = signed && rule === 'copy'
  const signers: SignerImage[] = issuer.signers.map((s) => ({
    role: s.role,
    name: s.name,
    signature: readImage(ctx, s.signatureSha256),
  }))
  const render = (number: string) =>
    renderPdf(
      buildDefinition({
        kind: d.kind,
        locale,
        number,
        date: d.date,
        issuer: {
          name: issuer.name,
          taxId: issuer.taxId,
          address: issuer.address,
          email: issuer.email,
          phone: issuer.phone,
          vatStatus: issuer.vatStatus,
          bankAccount: issuer.bankAccounts.find((a) => a.currency === d.totals.currency) ?? issuer.bankAccounts[0],
          logo: readImage(ctx, issuer.logoSha256),
          stamp: readImage(ctx, issuer.stampSha256),
          signers,
        },
        client: { name: client.name, taxId: client.tax_id, address: client.legal_address },
        lines: d.lines,
        totals: d.totals,
        vatKnown: d.vatKnown,
        dueDate: d.dueDate,
        paymentReference: d.paymentReference,
        signed,
        copy,
      }),
    )
  // A known number renders before the transaction; a new one is taken inside it (gap-free), so
  // that PDF renders there, holding the transaction for the tens of milliseconds it takes.
  const early = d.number ? await render(d.number) : null
  const id = newId()
  const created = await ctx.transaction(async (tx) => {
    if (await findBySource(tx, d.sourceKey)) return false
    const number = d.number ?? `${issuer.numberPrefix}${await nextNumber(tx, d.kind, d.date)}`
    const pdf = early ?? (await render(number))
    const stored = await tx.services.files.putBuffer(
      tx.unscoped('stored file metadata is content-addressed'),
      pdf,
      'application/pdf',
    )
    const row: DocumentTable = {
      id,
      client_id: d.clientId,
      kind: d.kind,
      origin: 'generated',
      number,
      search_text: `${number} ${templateWords(locale).title[d.kind]}`.toLowerCase(),
      title: templateWords(locale).title[d.kind],
      doc_date: d.date,
      total_minor: d.totals.grossMinor,
      currency: d.totals.currency,
      language: locale,
      issuer_id: issuer.id,
      is_signed: signed ? 1 : 0,
      is_copy: copy ? 1 : 0,
      sha256: stored.sha256,
      size: stored.size,
      order_id: d.links.order_id ?? null,
      contract_id: null,
      invoice_id: d.links.invoice_id ?? null,
      ledger_entry_id: d.links.ledger_entry_id ?? null,
      shipment_id: d.links.shipment_id ?? null,
      source_key: d.sourceKey,
      sent_at: null,
      sent_by: null,
      first_viewed_at: null,
      first_viewed_by: null,
      created_by: tx.actor?.id ?? null,
      created_at: nowIso(),
    }
    await tx.db.insert('documents', row)
    const audited = { kind: d.kind, number, sha256: stored.sha256, issuerId: issuer.id, signed, copy }
    await tx.audit('document.generated', { entity: 'document', entityId: id, clientId: d.clientId, after: audited })
    if (signed) await auditFacsimile(tx, id, d.clientId, issuer, d.kind, copy)
    return true
  })
  return created ? getDocument(ctx, id) : ((await findBySource(ctx, d.sourceKey)) as DocumentView)
}

async function auditFacsimile(
  tx: Ctx,
  id: string,
  clientId: string,
  issuer: IssuerView,
  kind: GeneratedKind,
  copy: boolean,
) {
  const printed = signersFor(
    kind,
    issuer.signers.map((s) => ({ role: s.role, name: s.name, signature: null })),
  )
  await tx.audit('document.facsimile_signed', {
    entity: 'document',
    entityId: id,
    clientId,
    after: {
      issuerId: issuer.id,
      stamp: issuer.stampSha256,
      signers: issuer.signers
        .filter((s) => printed.some((p) => p.role === s.role && p.name === s.name))
        .map((s) => ({ id: s.id, role: s.role, name: s.name, signature: s.signatureSha256 })),
      copy,
    },
  })
}

/** The PDF of an issued payment request: made when it is issued, or on demand for older ones. */
export async function generatePaymentRequest(ctx: Ctx, invoiceId: string): Promise<DocumentView> {
  const s = sys(ctx)
  const existing = await findBySource(s, `payment_request:${invoiceId}`)
  if (existing) return existing
  const { invoice, lines } = await getInvoiceDetail(s, invoiceId)
  if (!invoice.number || !invoice.issueDate) throw new RuleError('not_issued', 'documents.error.not_issued')
  return produce(s, {
    kind: 'payment_request',
    clientId: invoice.clientId,
    date: invoice.issueDate,
    number: invoice.number,
    dueDate: invoice.dueDate,
    paymentReference: invoice.paymentReference,
    lines: lines.map((l) => ({
      description: l.name,
      quantityMilli: l.quantity_milli,
      unit: l.unit,
      unitPriceMinor: l.unit_price_minor,
      vatRateBp: l.vat_rate_bp,
      netMinor: l.net_minor,
      vatMinor: l.vat_minor,
      grossMinor: l.total_minor,
    })),
    totals: {
      netMinor: invoice.netMinor,
      vatMinor: invoice.vatMinor,
      grossMinor: invoice.totalMinor,
      currency: invoice.currency,
    },
    vatKnown: true,
    sourceKey: `payment_request:${invoiceId}`,
    links: { invoice_id: invoiceId },
  })
}

/**
 * The document of a charge: a delivery note for a shipment (its lines from the order's shipment
 * when the orders module posted it), an act of services for a service; fees get none.
 */
export async function generateForCharge(ctx: Ctx, entryId: string): Promise<DocumentView | null> {
  const s = sys(ctx)
  const entry = await getEntry(s, entryId)
  if (entry.kind !== 'shipment' && entry.kind !== 'service') return null
  const kind: GeneratedKind = entry.kind === 'shipment' ? 'delivery_note' : 'service_act'
  const gross = -entry.amountMinor
  const base = {
    kind,
    clientId: entry.clientId,
    date: entry.date,
    sourceKey: `entry:${entry.id}`,
  }
  const fromShipment = entry.sourceKind === 'shipment' && entry.sourceId && s.services.isEnabled('orders')
  if (fromShipment) {
    const shipment = await getShipment(s, entry.sourceId as string)
    const doc = await produce(s, {
      ...base,
      lines: shipment.lines.map((l) => ({
        description: l.sku ? `${l.name} (${l.sku})` : l.name,
        quantityMilli: l.quantityMilli,
        unit: l.unit,
        unitPriceMinor: l.unitPriceMinor ?? 0,
        vatRateBp: l.vatRateBp,
        netMinor: l.netMinor,
        vatMinor: l.vatMinor,
        grossMinor: l.totalMinor,
      })),
      totals: {
        netMinor: shipment.netMinor,
        vatMinor: shipment.vatMinor,
        grossMinor: shipment.totalMinor,
        currency: shipment.currency,
      },
      vatKnown: true,
      links: { ledger_entry_id: entry.id, shipment_id: shipment.id, order_id: shipment.orderId },
    })
    if (!shipment.documentId) await linkShipmentToFinance(s, shipment.id, { documentId: doc.id })
    return doc
  }
  const company = await s.services.settings.get('company')
  const client = await clientParty(s, entry.clientId)
  const words = templateWords(languageFor(client.country, company.defaultLocale))
  return produce(s, {
    ...base,
    lines: [
      {
        description: entry.description,
        quantityMilli: 1000,
        unit: words.piece,
        unitPriceMinor: gross,
        vatRateBp: null,
        netMinor: gross,
        vatMinor: 0,
        grossMinor: gross,
      },
    ],
    totals: { netMinor: gross, vatMinor: 0, grossMinor: gross, currency: entry.currency },
    vatKnown: false,
    links: { ledger_entry_id: entry.id },
  })
}
