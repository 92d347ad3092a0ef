import type { TestContext } from 'node:test'
import { testApp } from '../../../test/helpers/test-app.js'
import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import type { User } from '../../core/db/core-tables.js'
import type { Services } from '../../core/services.js'
import { createInvoice, issueInvoice } from '../finance/index.js'
import { type CamtEntry, type CamtStatement, writeCamt053 } from './camt-writer.js'

export const OWN_IBAN = 'HU42117730160000000000000000'
export const ctxOf = (services: Services, user: User) => Ctx.forActor(services, toActor(user), { locale: 'en' })

/**
 * A company with a head, a manager and clients: A (tax id), B (bank account), C (for name rules),
 * D assigned to another manager. Clients' identifiers are written straight into the table.
 */
export async function bankWorld(t: TestContext) {
  const w = await testApp(t)
  const head = await w.given.head()
  const manager = await w.given.manager()
  const otherManager = await w.given.manager()
  const a = await w.given.client({ name: 'Alfa Kft.', managerId: manager.id })
  const b = await w.given.client({ name: 'Béta Zrt.', managerId: manager.id })
  const c = await w.given.client({ name: 'Gamma Bt.', managerId: manager.id })
  const d = await w.given.client({ name: 'Delta Kft.', managerId: otherManager.id })
  const db = w.services.db.kysely
  await db.updateTable('clients').set({ tax_id: '12345676-2-41' }).where('id', '=', a.id).execute()
  await db
    .updateTable('clients')
    .set({
      bank_accounts: JSON.stringify([
        { bankName: 'OTP', account: 'HU93 1177 3016 1111 1018 0000 0000', bic: '', currency: 'HUF' },
      ]),
    })
    .where('id', '=', b.id)
    .execute()
  const headCtx = ctxOf(w.services, head)
  /** An issued payment request of `clientId` for `totalMinor` (no VAT), HUF unless said otherwise. */
  const request = async (clientId: string, totalMinor: number, currency = 'HUF') => {
    const draft = await createInvoice(headCtx, clientId, {
      currency,
      dueDate: null,
      note: '',
      lines: [{ name: 'Service', quantityMilli: 1000, unit: '', unitPriceMinor: totalMinor, vatRateBp: 0 }],
    })
    return issueInvoice(headCtx, draft.id)
  }
  return { ...w, head, manager, otherManager, a, b, c, d, headCtx, request }
}

let refCounter = 0
/** A booked entry with a unique bank reference unless one is given. */
export const entry = (e: Partial<CamtEntry> & Pick<CamtEntry, 'amountMinor' | 'direction'>): CamtEntry => ({
  date: '2026-11-02',
  name: 'Somebody',
  bankRef: `REF-${++refCounter}-${Date.now()}`,
  ...e,
})

export const camtFile = (entries: CamtEntry[], o: Partial<CamtStatement> = {}) =>
  Buffer.from(
    writeCamt053([
      { id: `STMT-${++refCounter}`, iban: OWN_IBAN, currency: 'HUF', openingMinor: 1_000_000, entries, ...o },
    ]),
    'utf8',
  )

/** A multipart body as a browser sends it (fields, then files). */
export function multipartBody(fields: Record<string, string>, files: { field: string; name: string; data: Buffer }[]) {
  const boundary = `----kabinet${Date.now()}${Math.random().toString(36).slice(2)}`
  const parts: Buffer[] = []
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}
