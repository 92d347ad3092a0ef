import { Readable } from 'node:stream'
import type { AppConfig } from '../../config.js'
import { Ctx } from '../../core/ctx.js'
import type { Db } from '../../core/db/database.js'
import { renderPdf } from '../../core/pdf/pdf.js'
import { buildStandaloneServices } from '../../core/standalone-services.js'
import { defaultIssuer, generatePaymentRequest } from '../../modules/documents/index.js'
import type { BulkWriter } from './bulk-writer.js'
import { type IdSource, iso, type Rng, skewedCounts } from './random.js'
import type { SeedWorld } from './seed-world.js'

const KINDS = [
  ['vat_invoice', 'VAT invoice', 0.8],
  ['contract', 'Signed contract', 0.05],
  ['other', 'Certificate of delivery', 0.15],
] as const

/** How many real payment request PDFs the seed renders for each of its known clients. */
export const REAL_PDFS_PER_CLIENT = 5

/**
 * Documents of the synthetic company. A sample is real: the latest payment requests of the known
 * clients rendered by the documents module itself. The rest is metadata of uploaded documents
 * (tax invoices from the accounting program, signed contracts, certificates), all pointing at one
 * stored PDF that says it stands in for a synthetic document, so opening any of them works.
 */
export async function seedDocuments(
  config: AppConfig,
  db: Db,
  world: SeedWorld,
  writer: BulkWriter,
  knownClients: number[],
  count: number,
): Promise<{ real: number }> {
  const services = buildStandaloneServices(config, db)
  const ctx = Ctx.system(services, 'seed')
  await defaultIssuer(ctx)
  let real = 0
  for (const i of knownClients) {
    const client = world.clients[i]
    if (!client) continue
    const issued = await db.kysely
      .selectFrom('invoices')
      .select('id')
      .where('client_id', '=', client.id)
      .where('status', 'in', ['issued', 'partially_paid', 'paid'])
      .orderBy('issue_date', 'desc')
      .limit(REAL_PDFS_PER_CLIENT)
      .execute()
    for (const inv of issued) {
      await generatePaymentRequest(ctx, inv.id)
      real++
    }
  }
  const pdf = await renderPdf({
    content: [
      { text: 'Synthetic document', fontSize: 16, bold: true },
      {
        text: `Stands in for every uploaded document of the synthetic data set (kabinet seed, seed ${world.plan.seed}).`,
      },
    ],
  })
  const stored = await services.files.put(db.kysely, Readable.from([pdf]), {
    field: 'file',
    accept: ['application/pdf'],
  })
  await writeMetadata(world.rng, world.ids, writer, world, stored, count)
  return { real }
}

async function writeMetadata(
  rng: Rng,
  ids: IdSource,
  w: BulkWriter,
  world: SeedWorld,
  file: { sha256: string; size: number },
  count: number,
) {
  const perClient = skewedCounts(count, world.clients.length)
  let n = 0
  for (const client of world.clients) {
    const dates = Array.from({ length: perClient[client.index] as number }, () => world.daysAgo(rng.int(0, 729))).sort()
    for (const date of dates) {
      const x = rng.next()
      const [kind, title] = x < 0.8 ? KINDS[0] : x < 0.85 ? KINDS[1] : KINDS[2]
      const number = `${kind === 'vat_invoice' ? 'E' : kind === 'contract' ? 'C' : 'D'}-${date.slice(0, 4)}-${String(++n).padStart(6, '0')}`
      const ms = Date.parse(`${date}T10:00:00Z`) + rng.int(0, 7 * 3_600_000)
      const sent = rng.chance(0.9)
      const viewed = sent && rng.chance(0.6)
      await w.add('documents', {
        id: ids.id(ms),
        client_id: client.id,
        kind,
        origin: 'uploaded',
        number,
        search_text: `${number} ${title}`.toLowerCase(),
        title,
        doc_date: date,
        total_minor: kind === 'vat_invoice' ? rng.int(10, 900) * 100_00 : null,
        currency: kind === 'vat_invoice' ? client.currency : null,
        language: client.group,
        issuer_id: null,
        is_signed: 0,
        is_copy: 0,
        sha256: file.sha256,
        size: file.size,
        order_id: null,
        contract_id: null,
        invoice_id: null,
        ledger_entry_id: null,
        shipment_id: null,
        source_key: null,
        sent_at: sent ? iso(ms + 600_000) : null,
        sent_by: sent ? client.managerId : null,
        first_viewed_at: viewed ? iso(ms + 86_400_000) : null,
        first_viewed_by: viewed ? (client.userIds[0] as string) : null,
        created_by: client.managerId,
        created_at: iso(ms),
      })
    }
  }
}
