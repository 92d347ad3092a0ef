import assert from 'node:assert/strict'
import { test } from 'node:test'
import { extractText, getDocumentProxy } from 'unpdf'
import { testApp } from '../../../test/helpers/test-app.js'
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../../core/errors.js'
import { ctxOf } from './finance.test-kit.js'
import { postEntry, recordCharge, reverseEntry } from './ledger.service.js'
import { reconciliationPdf } from './reconciliation.pdf.js'
import {
  acceptReconciliation,
  createReconciliation,
  disputeReconciliation,
  getReconciliationDetail,
  listReconciliations,
  resolveReconciliation,
} from './reconciliation.service.js'

async function world(t: import('node:test').TestContext) {
  const w = await testApp(t)
  const manager = await w.given.manager({ name: 'Mira Manager', email: `mira-${Date.now()}@example.test` })
  const client = await w.given.client({ name: 'Árvíztűrő Tükörfúrógép Kft.', managerId: manager.id })
  const accountant = await w.given.clientUser({ client, name: 'Щукина Ольга', areas: ['finance'] })
  const mctx = ctxOf(w.services, manager)
  const cctx = ctxOf(w.services, accountant)
  // Before the period: a charge of 100.00 and a payment of 30.00 → opening −70.00.
  await recordCharge(mctx, client.id, {
    kind: 'fee',
    amountMinor: 10_000,
    currency: 'EUR',
    date: '2025-12-10',
    description: 'Old fee',
  })
  await postEntry(mctx, {
    clientId: client.id,
    date: '2025-12-20',
    kind: 'payment',
    amountMinor: 3_000,
    currency: 'EUR',
    description: 'Old payment',
  })
  // In the period: two charges, one payment; and an entry in another currency that must not appear.
  const audit = await recordCharge(mctx, client.id, {
    kind: 'service',
    amountMinor: 25_000,
    currency: 'EUR',
    date: '2026-01-15',
    description: 'Könyvvizsgálat január',
  })
  await recordCharge(mctx, client.id, {
    kind: 'shipment',
    amountMinor: 4_050,
    currency: 'EUR',
    date: '2026-02-01',
    description: 'Папки',
  })
  await postEntry(mctx, {
    clientId: client.id,
    date: '2026-02-10',
    kind: 'payment',
    amountMinor: 20_000,
    currency: 'EUR',
    description: 'Bank',
  })
  await postEntry(mctx, {
    clientId: client.id,
    date: '2026-02-11',
    kind: 'payment',
    amountMinor: 99_900,
    currency: 'HUF',
    description: 'HUF',
  })
  return { ...w, manager, client, accountant, mctx, cctx, audit }
}

test('a statement freezes the opening balance, every entry of the period as debit or credit, and the closing balance', async (t) => {
  const w = await world(t)
  const rec = await createReconciliation(w.mctx, {
    clientId: w.client.id,
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
  })
  assert.match(rec.number, /^RS-\d{4}-000001$/)
  assert.equal(rec.status, 'issued')
  const d = await getReconciliationDetail(w.mctx, rec.id)
  assert.deepEqual(
    [d.shown.openingMinor, d.shown.debitMinor, d.shown.creditMinor, d.shown.closingMinor],
    [-7_000, 29_050, 20_000, -16_050],
  )
  assert.deepEqual(
    d.shown.lines.map((l) => [l.date, l.kind, l.debitMinor, l.creditMinor]),
    [
      ['2026-01-15', 'service', 25_000, 0],
      ['2026-02-01', 'shipment', 4_050, 0],
      ['2026-02-10', 'payment', 0, 20_000],
    ],
  )
  assert.deepEqual(
    d.events.map((e) => [e.action, e.version]),
    [['issued', 1]],
  )
  // The client's finance user is told, in the mail outbox.
  const mail = await w.services.db.kysely.selectFrom('outbox').select(['recipient', 'subject']).execute()
  assert.ok(mail.some((m) => m.recipient === w.accountant.email && m.subject.includes(rec.number)))
})

test('bad periods are refused next to the field; a period cannot end in the future', async (t) => {
  const w = await world(t)
  const bad = (input: { from: string; to: string; currency?: string }, field: string) =>
    assert.rejects(
      createReconciliation(w.mctx, { clientId: w.client.id, currency: input.currency ?? 'EUR', ...input }),
      (e: unknown) => e instanceof ValidationError && field in e.fields,
    )
  await bad({ from: '2026-02-30', to: '2026-03-01' }, 'from')
  await bad({ from: '2026-03-01', to: '2026-02-01' }, 'to')
  await bad({ from: '2026-01-01', to: '2999-01-01' }, 'to')
  await bad({ from: '2026-01-01', to: '2026-02-01', currency: 'EURO' }, 'currency')
  assert.equal(
    (await listReconciliations(w.mctx, { page: 1, per: 10, sort: 'updated_at', dir: 'desc', q: '' })).total,
    0,
  )
})

test('two-sided: the client disputes naming lines and its amounts; the manager corrects and issues version 2; the client accepts', async (t) => {
  const w = await world(t)
  // The client asks itself: issued at once for its own client, whatever client id it might send.
  const other = await w.given.client({ name: 'Other' })
  const rec = await createReconciliation(w.cctx, {
    clientId: other.id,
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
  })
  assert.equal(rec.clientId, w.client.id)
  assert.equal(rec.requestedByClient, true)
  const v1 = await getReconciliationDetail(w.cctx, rec.id)
  const auditLine = v1.shown.lines.find((l) => l.entryId === w.audit.id)
  assert.ok(auditLine)
  // A line that is not on the statement cannot be disputed; a comment is required.
  await assert.rejects(
    disputeReconciliation(w.cctx, rec.id, {
      lockVersion: rec.lockVersion,
      comment: 'x',
      items: [{ entryId: 'nope', theirAmountMinor: 1, note: '' }],
    }),
    ValidationError,
  )
  await assert.rejects(
    disputeReconciliation(w.cctx, rec.id, { lockVersion: rec.lockVersion, comment: ' ', items: [] }),
    ValidationError,
  )
  // Staff cannot answer for the client.
  await assert.rejects(acceptReconciliation(w.mctx, rec.id, { lockVersion: rec.lockVersion }))
  const disputed = await disputeReconciliation(w.cctx, rec.id, {
    lockVersion: rec.lockVersion,
    comment: 'The audit was agreed at 200.00',
    items: [
      { entryId: w.audit.id, theirAmountMinor: 20_000, note: '' },
      { entryId: null, theirAmountMinor: 5_000, note: 'Payment of 2026-03-02 missing' },
    ],
  })
  assert.equal(disputed.status, 'disputed')
  // The manager hears of it.
  const toManager = await w.services.db.kysely
    .selectFrom('outbox')
    .select('subject')
    .where('recipient', '=', w.manager.email)
    .execute()
  assert.ok(toManager.some((m) => m.subject.includes(rec.number)))
  // Answering needs the current lock version; a stale one is a conflict.
  await assert.rejects(
    resolveReconciliation(w.mctx, rec.id, { lockVersion: rec.lockVersion, comment: 'x' }),
    ConflictError,
  )
  // The correction: reverse the audit, charge 200.00, record the missing payment; then version 2.
  await reverseEntry(w.mctx, w.audit.id, { date: '2026-01-20', reason: 'Agreed price was 200.00' })
  await recordCharge(w.mctx, w.client.id, {
    kind: 'service',
    amountMinor: 20_000,
    currency: 'EUR',
    date: '2026-01-15',
    description: 'Könyvvizsgálat január',
  })
  await postEntry(w.mctx, {
    clientId: w.client.id,
    date: '2026-03-02',
    kind: 'payment',
    amountMinor: 5_000,
    currency: 'EUR',
    description: 'Bank',
  })
  const resolved = await resolveReconciliation(w.mctx, rec.id, {
    lockVersion: disputed.lockVersion,
    comment: 'Corrected, thank you',
  })
  assert.deepEqual([resolved.status, resolved.currentVersion], ['issued', 2])
  const v2 = await getReconciliationDetail(w.cctx, rec.id)
  // Opening −70.00; debits 250.00 + 40.50 + 200.00; credits 200.00 + 250.00 (the reversal) + 50.00.
  assert.deepEqual(
    [v2.shown.openingMinor, v2.shown.debitMinor, v2.shown.creditMinor, v2.shown.closingMinor],
    [-7_000, 49_050, 50_000, -6_050],
  )
  // Version 1 is kept as issued.
  const old = await getReconciliationDetail(w.cctx, rec.id, 1)
  assert.equal(old.shown.closingMinor, -16_050)
  assert.equal(old.shown.lines.length, 3)
  // Accept version 2; accepting again is refused.
  const accepted = await acceptReconciliation(w.cctx, rec.id, { lockVersion: resolved.lockVersion })
  assert.equal(accepted.status, 'accepted')
  await assert.rejects(acceptReconciliation(w.cctx, rec.id, { lockVersion: accepted.lockVersion }), RuleError)
  const steps = (await getReconciliationDetail(w.mctx, rec.id)).events
  assert.deepEqual(
    steps.map((e) => [e.action, e.version]),
    [
      ['issued', 1],
      ['disputed', 1],
      ['resolved', 2],
      ['accepted', 2],
    ],
  )
  assert.equal(steps[1]?.items.length, 2)
  assert.equal(steps[1]?.actorName, 'Щукина Ольга')
  const audits = await w.services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', rec.id)
    .execute()
  assert.deepEqual(audits.map((a) => a.action).sort(), [
    'finance.reconciliation_accepted',
    'finance.reconciliation_disputed',
    'finance.reconciliation_issued',
    'finance.reconciliation_resolved',
  ])
})

test('another client’s users and managers get not-found for a statement', async (t) => {
  const w = await world(t)
  const rec = await createReconciliation(w.mctx, {
    clientId: w.client.id,
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
  })
  const otherManager = await w.given.manager()
  const otherClient = await w.given.client({ managerId: otherManager.id })
  const otherUser = await w.given.clientUser({ client: otherClient, areas: ['finance'] })
  for (const ctx of [ctxOf(w.services, otherManager), ctxOf(w.services, otherUser)]) {
    await assert.rejects(getReconciliationDetail(ctx, rec.id), NotFoundError)
    assert.equal(
      (await listReconciliations(ctx, { page: 1, per: 10, sort: 'updated_at', dir: 'desc', q: '' })).total,
      0,
    )
  }
  await assert.rejects(
    acceptReconciliation(ctxOf(w.services, otherUser), rec.id, { lockVersion: rec.lockVersion }),
    NotFoundError,
  )
})

test('the statement PDF carries both parties, the number and the closing balance in Hungarian and Russian', async (t) => {
  const w = await world(t)
  const rec = await createReconciliation(w.mctx, {
    clientId: w.client.id,
    currency: 'EUR',
    from: '2026-01-01',
    to: '2026-03-31',
  })
  const d = await getReconciliationDetail(w.mctx, rec.id)
  for (const [locale, title] of [
    ['hu', 'Egyenlegközlő'],
    ['ru', 'Акт сверки взаиморасчётов'],
  ] as const) {
    const pdf = await reconciliationPdf(w.mctx, d, locale)
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })
    assert.ok(text.includes(title), `${locale}: ${title}`)
    assert.ok(text.includes('Árvíztűrő Tükörfúrógép Kft.'))
    assert.ok(text.includes('Папки'))
    assert.ok(text.includes(rec.number))
    // Closing balance −160.50: the client owes it, written with the locale's separators.
    assert.match(text, /160,50/)
  }
})
