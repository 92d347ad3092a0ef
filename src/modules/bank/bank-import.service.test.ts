import assert from 'node:assert/strict'
import { test } from 'node:test'
import { newId, nowIso } from '../../core/db/ids.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { cancelInvoice, getInvoice } from '../finance/index.js'
import { bankWorld, camtFile, ctxOf, entry } from './bank.test-kit.js'
import { listStatements } from './bank-history.service.js'
import { importStatement } from './bank-import.service.js'
import { assignTransaction, listTransactions, setTransactionCategory } from './bank-review.service.js'
import { createExpenseRule } from './bank-rules.service.js'

const lq = (q: Record<string, string> = {}) => parseListQuery(q, { sortable: ['date'], per: 100 })

async function txRows(w: Awaited<ReturnType<typeof bankWorld>>) {
  return w.services.db.kysely.selectFrom('bank_transactions').selectAll().orderBy('booked_on').orderBy('id').execute()
}
async function ledger(w: Awaited<ReturnType<typeof bankWorld>>, clientId: string) {
  return w.services.db.kysely.selectFrom('ledger_entries').selectAll().where('client_id', '=', clientId).execute()
}

test('a payment naming its request is posted to it; the same file again posts nothing twice', async (t) => {
  const w = await bankWorld(t)
  const inv = await w.request(w.c.id, 50_000)
  // The payer writes the number with other separators than ours.
  const file = camtFile([
    entry({
      amountMinor: 50_000,
      direction: 'in',
      name: 'Whoever',
      purpose: `Fizetés ${inv.number?.replace(/-/g, ' ')} alapján`,
    }),
  ])
  const first = await importStatement(w.headCtx, { name: 'a.xml', bytes: file })
  assert.deepEqual(
    { ...first.summary, errors: first.summary.errors.length },
    {
      format: 'camt.053',
      statements: 1,
      transactions: 1,
      new: 1,
      duplicates: 0,
      matched: 1,
      toReview: 0,
      expenses: 0,
      errors: 0,
    },
  )
  assert.equal((await getInvoice(w.headCtx, inv.id)).status, 'paid')
  const again = await importStatement(w.headCtx, { name: 'a-again.xml', bytes: file })
  assert.equal(again.summary.new, 0)
  assert.equal(again.summary.duplicates, 1)
  assert.equal((await ledger(w, w.c.id)).length, 1)
  assert.equal((await txRows(w)).length, 1)
  const imports = await w.services.db.kysely.selectFrom('bank_imports').selectAll().orderBy('imported_at').execute()
  assert.equal(imports.length, 2)
  assert.equal(imports[0]?.imported_by, w.head.id)
  assert.ok(w.services.files.readBuffer(imports[0]?.file_sha256 as string).equals(file), 'the original file is kept')
})

test('overlapping statements store each transaction once', async (t) => {
  const w = await bankWorld(t)
  const [e1, e2, e3] = [1, 2, 3].map((i) =>
    entry({ amountMinor: 1000 * i, direction: 'in', name: 'Nobody known', date: `2026-11-0${i}` }),
  )
  await importStatement(w.headCtx, { name: '1.xml', bytes: camtFile([e1!, e2!]) })
  const second = await importStatement(w.headCtx, {
    name: '2.xml',
    bytes: camtFile([e2!, e3!], { openingMinor: 1_001_000 }),
  })
  assert.equal(second.summary.new, 1)
  assert.equal(second.summary.duplicates, 1)
  assert.equal((await txRows(w)).length, 3)
})

test('tax id, then account, then a saved name rule find the client; each posts to its balance', async (t) => {
  const w = await bankWorld(t)
  await importStatement(w.headCtx, {
    name: 'x.xml',
    bytes: camtFile([
      entry({ amountMinor: 11_00, direction: 'in', name: 'A payer', taxId: 'HU12345676' }),
      entry({ amountMinor: 22_00, direction: 'in', name: 'B payer', account: 'HU93117730161111101800000000' }),
      entry({ amountMinor: 33_00, direction: 'in', name: 'GAMMA BT. Budapest' }),
    ]),
  })
  let rows = await txRows(w)
  assert.deepEqual(
    rows.map((r) => [r.status, r.match_kind, r.client_id]),
    [
      ['posted', 'tax_id', w.a.id],
      ['posted', 'account', w.b.id],
      ['review', null, null],
    ],
  )
  assert.equal(Number((await ledger(w, w.a.id))[0]?.amount_minor), 11_00)
  assert.equal(Number((await ledger(w, w.b.id))[0]?.amount_minor), 22_00)

  // The manager assigns the third and saves the rule; the next payment from that payer is matched by it.
  const managerCtx = ctxOf(w.services, w.manager)
  const third = rows[2]!
  await assignTransaction(managerCtx, third.id, { clientId: w.c.id, rulePattern: 'gamma bt' })
  await importStatement(w.headCtx, {
    name: 'y.xml',
    bytes: camtFile([entry({ amountMinor: 44_00, direction: 'in', name: 'Gamma Bt.', date: '2026-11-05' })]),
  })
  rows = await txRows(w)
  assert.deepEqual(
    rows.filter((r) => r.client_id === w.c.id).map((r) => [r.status, r.match_kind]),
    [
      ['posted', 'manual'],
      ['posted', 'rule'],
    ],
  )
  assert.deepEqual((await ledger(w, w.c.id)).map((e) => Number(e.amount_minor)).sort(), [33_00, 44_00])
  const audit = await w.services.db.kysely
    .selectFrom('audit_log')
    .select('action')
    .where('action', 'like', 'bank.%')
    .execute()
  assert.ok(audit.some((a) => a.action === 'bank.transaction_assigned'))
  assert.ok(audit.some((a) => a.action === 'bank.client_rule_created'))
})

test('doubtful payments wait in review and post nothing: two clients, cancelled request, other currency, reversal', async (t) => {
  const w = await bankWorld(t)
  await w.services.db.kysely.updateTable('clients').set({ tax_id: '12345676-2-41' }).where('id', '=', w.d.id).execute()
  const cancelled = await w.request(w.c.id, 10_000)
  await cancelInvoice(w.headCtx, cancelled.id)
  const euro = await w.request(w.c.id, 10_000, 'EUR')
  const open = await w.request(w.c.id, 10_000)
  const out = await importStatement(w.headCtx, {
    name: 'doubt.xml',
    bytes: camtFile([
      entry({ amountMinor: 100, direction: 'in', name: 'Two clients', taxId: 'HU12345676' }),
      entry({ amountMinor: 10_000, direction: 'in', name: 'x', purpose: `for ${cancelled.number}` }),
      entry({ amountMinor: 10_000, direction: 'in', name: 'x', purpose: `for ${euro.number}` }),
      entry({ amountMinor: 10_000, direction: 'in', name: 'x', purpose: `for ${open.number}`, reversal: true }),
      entry({ amountMinor: 10_000, direction: 'in', name: 'x', purpose: `${open.number} and ${euro.number}` }),
    ]),
  })
  assert.equal(out.summary.toReview, 5)
  assert.equal(out.summary.matched, 0)
  assert.deepEqual((await txRows(w)).map((r) => r.review_reason).sort(), [
    'ambiguous',
    'ambiguous',
    'currency_mismatch',
    'request_cancelled',
    'reversal',
  ])
  const entries = await w.services.db.kysely.selectFrom('ledger_entries').select('id').execute()
  assert.equal(entries.length, 0)
})

test('partial and over-payment: the request is partly paid, then paid with the rest on the balance', async (t) => {
  const w = await bankWorld(t)
  const inv = await w.request(w.a.id, 100_000)
  const purpose = `Payment ${inv.number}`
  await importStatement(w.headCtx, {
    name: 'p.xml',
    bytes: camtFile([
      entry({ amountMinor: 40_000, direction: 'in', name: 'Alfa', purpose, date: '2026-11-01' }),
      entry({ amountMinor: 70_000, direction: 'in', name: 'Alfa', purpose, date: '2026-11-02' }),
    ]),
  })
  const after = await getInvoice(w.headCtx, inv.id)
  assert.equal(after.status, 'paid')
  assert.equal(after.paidMinor, 110_000)
  const sum = (await ledger(w, w.a.id)).reduce((s, e) => s + Number(e.amount_minor), 0)
  assert.equal(sum, 110_000, 'the 10,000 over the request stays on the balance as credit')
})

test('outgoing payments become expenses categorised by rules; the category can be changed', async (t) => {
  const w = await bankWorld(t)
  const db = w.services.db.kysely
  const [rent, fees] = [newId(), newId()]
  await db
    .insertInto('expense_categories')
    .values([
      { id: rent, parent_id: null, name: 'Rent', code: null, archived: 0, created_at: nowIso() },
      { id: fees, parent_id: null, name: 'Bank fees', code: null, archived: 0, created_at: nowIso() },
    ])
    .execute()
  const ids = new Set([rent, fees])
  await createExpenseRule(w.headCtx, { kind: 'keyword', value: 'Office RENT', categoryId: rent, position: 1 }, ids)
  await createExpenseRule(w.headCtx, { kind: 'tax_id', value: '87654321-2-42', categoryId: fees, position: 2 }, ids)
  const out = await importStatement(w.headCtx, {
    name: 'o.xml',
    bytes: camtFile([
      entry({ amountMinor: 500_000, direction: 'out', name: 'Landlord', purpose: 'office rent November' }),
      entry({ amountMinor: 1_500, direction: 'out', name: 'The Bank', taxId: '87654321-2-42', purpose: 'fee' }),
      entry({ amountMinor: 9_900, direction: 'out', name: 'Shop', purpose: 'paper' }),
    ]),
  })
  assert.equal(out.summary.expenses, 3)
  const rows = await txRows(w)
  assert.deepEqual(
    rows.map((r) => r.expense_category_id),
    [rent, fees, null],
  )
  const expenses = await db.selectFrom('expenses').selectAll().orderBy('amount_minor').execute()
  assert.deepEqual(
    expenses.map((e) => [Number(e.amount_minor), e.category_id, e.source]),
    [
      [1_500, fees, 'bank'],
      [9_900, null, 'bank'],
      [500_000, rent, 'bank'],
    ],
  )
  const paper = rows.find((r) => r.counterparty_name === 'Shop')!
  const uncategorised = await listTransactions(w.headCtx, lq(), { status: 'uncategorised' })
  assert.deepEqual(
    uncategorised.rows.map((r) => r.id),
    [paper.id],
  )
  await setTransactionCategory(w.headCtx, paper.id, fees)
  const changed = await db
    .selectFrom('expenses')
    .select('category_id')
    .where('source_ref', '=', paper.id)
    .executeTakeFirstOrThrow()
  assert.equal(changed.category_id, fees)
})

test('a file that does not parse stores nothing and names the problem', async (t) => {
  const w = await bankWorld(t)
  const good = camtFile([entry({ amountMinor: 100, direction: 'in' })]).toString('utf8')
  const cut = Buffer.from(good.slice(0, Math.floor(good.length * 0.7)), 'utf8')
  const out = await importStatement(w.headCtx, { name: 'cut.xml', bytes: cut })
  assert.equal(out.importId, null)
  assert.equal(out.summary.errors[0]?.code, 'truncated')
  assert.equal(out.summary.new, 0)
  for (const table of ['bank_imports', 'bank_transactions', 'bank_statements', 'bank_own_accounts'] as const) {
    const rows = await w.services.db.kysely.selectFrom(table).select('id').execute()
    assert.equal(rows.length, 0, `${table} stays empty`)
  }
  const unknown = await importStatement(w.headCtx, { name: 'x.txt', bytes: Buffer.from('hello, world\n') })
  assert.equal(unknown.summary.errors[0]?.code, 'unknown_format')
})

test('a statement whose balances do not add up is flagged; one that does is not', async (t) => {
  const w = await bankWorld(t)
  await importStatement(w.headCtx, { name: 'ok.xml', bytes: camtFile([entry({ amountMinor: 500, direction: 'in' })]) })
  await importStatement(w.headCtx, {
    name: 'bad.xml',
    bytes: camtFile([entry({ amountMinor: 700, direction: 'out' })], { closingMinor: 999 }),
  })
  const page = await listStatements(w.headCtx, lq())
  const byClosing = new Map(page.rows.map((s) => [s.closingMinor, s]))
  assert.equal(byClosing.get(1_000_500)?.mismatch, false)
  assert.equal(byClosing.get(999)?.mismatch, true)
  assert.equal(byClosing.get(999)?.computedClosingMinor, 1_000_000 - 700)
})

test('managers see incoming items of their clients and unassigned ones, never outgoing or other managers’', async (t) => {
  const w = await bankWorld(t)
  await w.services.db.kysely.updateTable('clients').set({ tax_id: '99999999-2-99' }).where('id', '=', w.d.id).execute()
  await importStatement(w.headCtx, {
    name: 'm.xml',
    bytes: camtFile([
      entry({ amountMinor: 100, direction: 'in', name: 'A', taxId: '12345676-2-41' }),
      entry({ amountMinor: 200, direction: 'in', name: 'D', taxId: '99999999-2-99' }),
      entry({ amountMinor: 300, direction: 'in', name: 'Unknown' }),
      entry({ amountMinor: 400, direction: 'out', name: 'Supplier' }),
    ]),
  })
  const mine = await listTransactions(ctxOf(w.services, w.manager), lq(), {})
  assert.deepEqual(mine.rows.map((r) => r.amountMinor).sort(), [100, 300])
  const all = await listTransactions(w.headCtx, lq(), {})
  assert.equal(all.total, 4)
})
