import type { Readable } from 'node:stream'
import yazl from 'yazl'
import type { Ctx } from '../../core/ctx.js'
import { parseAreas } from '../../core/db/core-tables.js'
import { nowIso } from '../../core/db/ids.js'
import { ValidationError } from '../../core/errors.js'
import { notifyUsers } from '../../core/notifications/notify.js'
import { EVENTS, ZIP_MAX_DOCUMENTS } from './documents.constants.js'
import { type DocumentView, documentFileName, documentPath, getDocuments, recordAccess } from './documents.service.js'

const link = (ctx: Ctx, path: string) => `${ctx.services.config.baseUrl.replace(/\/$/, '')}${path}`

/** The client's active users who have the documents area open. */
async function documentReaders(tx: Ctx, clientId: string): Promise<string[]> {
  const users = await tx
    .unscoped('the client’s users receive what is sent to their company')
    .selectFrom('users')
    .select(['id', 'areas'])
    .where('client_id', '=', clientId)
    .where('role', '=', 'client')
    .where('status', '=', 'active')
    .execute()
  return users.filter((u) => parseAreas(u.areas).includes('documents')).map((u) => u.id)
}

/**
 * A manager sends documents to their clients: each becomes visible in its client's list (first
 * sending kept as `sent_at`), every sending is audited, and each client's users with the documents
 * area are notified once, with links. All ids must be in the caller's scope, or nothing is sent.
 */
export async function sendDocuments(ctx: Ctx, ids: string[]): Promise<DocumentView[]> {
  ctx.require('documents.manage')
  if (ids.length === 0) throw new ValidationError({ ids: 'documents.error.select' })
  const docs = await getDocuments(ctx, ids)
  const at = nowIso()
  const company = await ctx.services.settings.get('company')
  await ctx.transaction(async (tx) => {
    for (const d of docs) {
      await tx.db
        .updateTable('documents')
        .set({ sent_at: at, sent_by: tx.actor?.id ?? null })
        .where('id', '=', d.id)
        .where('sent_at', 'is', null)
        .execute()
      await tx.audit('document.sent', {
        entity: 'document',
        entityId: d.id,
        clientId: d.clientId,
        after: { number: d.number, kind: d.kind, firstSentAt: d.sentAt ?? at },
      })
    }
    const byClient = new Map<string, DocumentView[]>()
    for (const d of docs) byClient.set(d.clientId, [...(byClient.get(d.clientId) ?? []), d])
    for (const [clientId, list] of byClient) {
      await notifyUsers(tx, {
        event: EVENTS.sent,
        userIds: await documentReaders(tx, clientId),
        message: (t) => ({
          subject: t('documents.mail.sent_subject', { company: company.legalName, count: list.length }),
          text: `${t('documents.mail.sent_text', { company: company.legalName })}\n\n${list
            .map(
              (d) =>
                `${t(`documents.kind.${d.kind}`)} ${d.number}: ${link(tx, `/documents/${encodeURIComponent(d.id)}`)}`,
            )
            .join('\n')}\n\n${link(tx, '/documents')}\n`,
        }),
      })
    }
  })
  return getDocuments(ctx, ids)
}

/** Unique names inside one ZIP: a second `x.pdf` becomes `x (2).pdf`. */
function uniqueNames(docs: DocumentView[]): string[] {
  const seen = new Map<string, number>()
  return docs.map((d) => {
    const name = documentFileName(d).utf8
    const n = (seen.get(name) ?? 0) + 1
    seen.set(name, n)
    return n === 1 ? name : name.replace(/\.pdf$/, ` (${n}).pdf`)
  })
}

/**
 * A ZIP of the selected documents, streamed. Every id must be in the caller's scope: one outside
 * fails the whole request with 404 before a byte is sent. Client users' downloads are recorded.
 */
export async function zipDocuments(ctx: Ctx, ids: string[]): Promise<Readable> {
  if (ids.length === 0) throw new ValidationError({ ids: 'documents.error.select' })
  if (ids.length > ZIP_MAX_DOCUMENTS) throw new ValidationError({ ids: 'documents.error.too_many' })
  const docs = await getDocuments(ctx, ids)
  const paths = docs.map((d) => documentPath(ctx, d))
  await recordAccess(ctx, docs, 'download')
  const zip = new yazl.ZipFile()
  const names = uniqueNames(docs)
  // PDFs are compressed already; storing them keeps the ZIP fast to build.
  docs.forEach((_, i) => {
    zip.addFile(paths[i] as string, names[i] as string, { compress: false })
  })
  zip.end()
  return zip.outputStream as unknown as Readable
}
