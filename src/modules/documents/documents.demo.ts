import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import type { DemoWorld } from '../../core/module.js'
import { documentDefinition, issuerHeader, partiesBlock } from '../../core/pdf/blocks.js'
import { renderPdf } from '../../core/pdf/pdf.js'
import { demoSignature, demoStamp } from './demo-images.js'
import { generateForCharge, generatePaymentRequest } from './document-generate.service.js'
import { defaultIssuer } from './issuers.service.js'

const PDF_MIME = 'application/pdf'

/** The default issuer gets a drawn stamp and two signers with drawn signatures. */
async function dressIssuer(ctx: Ctx): Promise<{ id: string; name: string }> {
  const issuer = await defaultIssuer(ctx)
  const raw = ctx.unscoped('demo loader')
  const put = (png: Buffer) => ctx.services.files.putBuffer(raw, png, 'image/png')
  const stamp = await put(demoStamp())
  await raw.updateTable('document_issuers').set({ stamp_sha256: stamp.sha256 }).where('id', '=', issuer.id).execute()
  await raw.deleteFrom('document_signers').where('issuer_id', '=', issuer.id).execute()
  const signers: [string, 'director' | 'chief_accountant'][] = [
    ['Kovács Ödön', 'director'],
    ['Szőke Júlia', 'chief_accountant'],
  ]
  for (const [i, [name, role]] of signers.entries()) {
    const sig = await put(demoSignature(i + 1))
    await raw
      .insertInto('document_signers')
      .values({ id: newId(), issuer_id: issuer.id, role, name, signature_sha256: sig.sha256, created_at: nowIso() })
      .execute()
  }
  return { id: issuer.id, name: issuer.name }
}

/** A tax invoice as the accounting program would export it: an uploaded PDF, not made by Kabinet. */
async function accountingExport(ctx: Ctx, issuerName: string, clientName: string, number: string, date: string) {
  const pdf = await renderPdf(
    documentDefinition({
      locale: 'hu',
      title: `Számla ${number}`,
      content: [
        issuerHeader('hu', { name: issuerName }, { title: 'Számla', number, date }),
        partiesBlock('hu', [{ heading: 'Vevő', party: { name: clientName } }]),
        { text: 'Könyvelőprogramból exportált számla (demó).' },
      ],
    }),
  )
  return ctx.services.files.putBuffer(ctx.unscoped('demo loader'), pdf, PDF_MIME)
}

/**
 * Documents per demo client: the PDFs of its latest payment requests and service acts (as Kabinet
 * makes them), and a tax invoice exported from the accounting program; most are sent, some viewed.
 */
export async function documentsDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const issuer = await dressIssuer(ctx)
  const raw = ctx.unscoped('demo loader')
  for (const clientId of world.clientIds) {
    const invoices = await raw
      .selectFrom('invoices')
      .select('id')
      .where('client_id', '=', clientId)
      .where('number', 'is not', null)
      .orderBy('issue_date', 'desc')
      .limit(3)
      .execute()
    for (const inv of invoices) await generatePaymentRequest(ctx, inv.id)
    const charges = await raw
      .selectFrom('ledger_entries')
      .select('id')
      .where('client_id', '=', clientId)
      .where('kind', 'in', ['service', 'shipment'])
      .orderBy('entry_date', 'desc')
      .limit(2)
      .execute()
    for (const e of charges) await generateForCharge(ctx, e.id)
    const client = await raw.selectFrom('clients').select('name').where('id', '=', clientId).executeTakeFirstOrThrow()
    const date = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10)
    const number = `SZ-${date.slice(0, 4)}-${String(world.clientIds.indexOf(clientId) + 1).padStart(5, '0')}`
    const stored = await accountingExport(ctx, issuer.name, client.name, number, date)
    await raw
      .insertInto('documents')
      .values({
        id: newId(),
        client_id: clientId,
        kind: 'vat_invoice',
        origin: 'uploaded',
        number,
        search_text: `${number} számla`.toLowerCase(),
        title: 'Számla',
        doc_date: date,
        total_minor: null,
        currency: null,
        language: 'hu',
        issuer_id: null,
        is_signed: 0,
        is_copy: 0,
        sha256: stored.sha256,
        size: stored.size,
        order_id: null,
        contract_id: null,
        invoice_id: null,
        ledger_entry_id: null,
        shipment_id: null,
        source_key: null,
        sent_at: null,
        sent_by: null,
        first_viewed_at: null,
        first_viewed_by: null,
        created_by: world.headId,
        created_at: nowIso(),
      })
      .execute()
    // Most documents go out; the client has opened some of them.
    const docs = await raw.selectFrom('documents').select('id').where('client_id', '=', clientId).execute()
    const reader = world.clientUserIds[clientId]?.[0]
    for (const [i, d] of docs.entries()) {
      if (i === docs.length - 1 && world.random() < 0.5) continue
      const viewed = reader && world.random() < 0.6
      const at = nowIso()
      await raw
        .updateTable('documents')
        .set({
          sent_at: at,
          sent_by: world.headId,
          first_viewed_at: viewed ? at : null,
          first_viewed_by: viewed ? reader : null,
        })
        .where('id', '=', d.id)
        .execute()
      if (viewed) {
        await raw
          .insertInto('document_access')
          .values({ id: newId(), client_id: clientId, document_id: d.id, user_id: reader, action: 'view', at })
          .execute()
      }
    }
  }
}
