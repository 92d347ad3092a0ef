import type { Content, TableCell } from 'pdfmake/interfaces.js'
import type { Ctx } from '../../core/ctx.js'
import { formatDate } from '../../core/i18n/format.js'
import { isLocale, type Locale } from '../../core/i18n/messages.js'
import {
  documentDefinition,
  issuerHeader,
  type PdfParty,
  partiesBlock,
  pdfAmount,
  signatureBlock,
} from '../../core/pdf/blocks.js'
import { renderPdf } from '../../core/pdf/pdf.js'
import { companySettings } from './finance-settings.js'
import type { ReconciliationDetail } from './reconciliation.service.js'

/** The client's details as the statement prints them. */
async function clientParty(ctx: Ctx, clientId: string): Promise<PdfParty> {
  const c = await ctx.db
    .selectFrom('clients')
    .select(['clients.name', 'clients.tax_id', 'clients.kpp', 'clients.legal_address'])
    .where('clients.id', '=', clientId)
    .executeTakeFirstOrThrow()
  const taxId = c.tax_id ? (c.kpp ? `${c.tax_id} / ${c.kpp}` : c.tax_id) : null
  return { name: c.name, taxId, address: c.legal_address }
}

/**
 * The statement of account as PDF, in `locale`: the company's header, both parties, the opening
 * balance, every entry as debit or credit, the turnover and the closing balance with the side it
 * favours, and signature lines for both parties (the client's acceptance in the cabinet is recorded
 * separately; these are for a printed copy).
 */
export async function reconciliationPdf(ctx: Ctx, rec: ReconciliationDetail, locale: Locale): Promise<Buffer> {
  const t = ctx.services.catalog.translator(locale)
  const company = await companySettings(ctx)
  const client = await clientParty(ctx, rec.clientId)
  const logo = company.logo ? ctx.services.files.readBuffer(company.logo.sha256) : null
  const bank = company.bankAccounts.find((b) => b.currency === rec.currency) ?? company.bankAccounts[0] ?? null
  const issuer = {
    name: company.legalName || company.shortName,
    taxId: company.taxId || null,
    address: company.address || null,
    email: company.email || null,
    phone: company.phone || null,
    logo,
    bankAccount: bank,
  }
  const v = rec.shown
  const money = (minor: number) => (minor === 0 ? '' : pdfAmount(locale, minor, rec.currency))
  const date = (d: string) => formatDate(locale, d)
  const cell = (text: string, opts: Partial<{ bold: boolean; right: boolean }> = {}): TableCell => ({
    text,
    bold: opts.bold ?? false,
    alignment: opts.right ? 'right' : 'left',
  })
  const balanceRow = (label: string, minor: number): TableCell[] => [
    { text: label, colSpan: 2, bold: true },
    {},
    cell(minor < 0 ? pdfAmount(locale, -minor, rec.currency) : '', { bold: true, right: true }),
    cell(minor > 0 ? pdfAmount(locale, minor, rec.currency) : '', { bold: true, right: true }),
  ]
  const body: TableCell[][] = [
    [
      cell(t('finance.reconciliation.col.date'), { bold: true }),
      cell(t('finance.reconciliation.col.entry'), { bold: true }),
      cell(t('finance.reconciliation.col.debit'), { bold: true, right: true }),
      cell(t('finance.reconciliation.col.credit'), { bold: true, right: true }),
    ],
    balanceRow(t('finance.reconciliation.opening', { date: date(rec.from) }), v.openingMinor),
    ...v.lines.map((l) => [
      cell(date(l.date)),
      cell(`${t(`finance.kind.${l.kind}`)}${l.description ? ` · ${l.description}` : ''}`),
      cell(money(l.debitMinor), { right: true }),
      cell(money(l.creditMinor), { right: true }),
    ]),
    [
      { text: t('finance.reconciliation.turnover'), colSpan: 2, bold: true },
      {},
      cell(pdfAmount(locale, v.debitMinor, rec.currency), { bold: true, right: true }),
      cell(pdfAmount(locale, v.creditMinor, rec.currency), { bold: true, right: true }),
    ],
    balanceRow(t('finance.reconciliation.closing', { date: date(rec.to) }), v.closingMinor),
  ]
  const favour =
    v.closingMinor === 0
      ? t('finance.reconciliation.settled', { date: date(rec.to) })
      : t(v.closingMinor < 0 ? 'finance.reconciliation.owes' : 'finance.reconciliation.credit', {
          date: date(rec.to),
          amount: `${pdfAmount(locale, Math.abs(v.closingMinor), rec.currency)} ${rec.currency}`,
          company: issuer.name,
          client: client.name,
        })
  const content: Content[] = [
    issuerHeader(locale, issuer, {
      title: t('finance.reconciliation.pdf_title'),
      number: rec.number,
      date: v.issuedAt.slice(0, 10),
      facts: [
        [t('finance.reconciliation.period'), `${date(rec.from)} – ${date(rec.to)}`],
        [t('finance.currency'), rec.currency],
        [t('finance.reconciliation.version'), String(v.version)],
      ],
    }),
    partiesBlock(locale, [
      { heading: t('finance.reconciliation.party_company'), party: issuer },
      { heading: t('finance.reconciliation.party_client'), party: client },
    ]),
    { text: t('finance.reconciliation.pdf_intro'), margin: [0, 0, 0, 8] },
    {
      table: { headerRows: 1, widths: [60, '*', 80, 80], body },
      layout: 'lightHorizontalLines',
      fontSize: 8,
      margin: [0, 0, 0, 10],
    },
    { text: favour, bold: true, margin: [0, 0, 0, 16] },
    signatureBlock(
      locale,
      [
        { title: issuer.name, signers: [{ role: t('finance.reconciliation.signer'), name: '' }] },
        { title: client.name, signers: [{ role: t('finance.reconciliation.signer'), name: '' }] },
      ],
      { signed: false },
    ),
  ]
  return renderPdf(
    documentDefinition({
      locale,
      title: `${t('finance.reconciliation.pdf_title')} ${rec.number}`,
      content,
      footerNote: `${rec.number} · v${v.version}`,
    }),
  )
}

/** The language of a statement's PDF: asked for, else the reader's, else the company's. */
export function pdfLocale(asked: string | undefined, ctx: Ctx, fallback: Locale): Locale {
  if (asked && isLocale(asked)) return asked
  return isLocale(ctx.locale) ? ctx.locale : fallback
}
