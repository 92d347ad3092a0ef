import { Ctx } from '../../src/core/ctx.js'
import { newId, nowIso } from '../../src/core/db/ids.js'
import {
  createClientRule,
  createExpenseRule,
  createOwnAccount,
  importStatement,
  writeCamt053,
} from '../../src/modules/bank/index.js'
import type { IsolationCase, IsolationCases, IsolationWorld } from './world.js'

const system = (w: IsolationWorld) => Ctx.system(w.services, 'isolation')

/** An imported statement with one payment that client A's tax id ties to A (posted to A). */
async function anImport(w: IsolationWorld) {
  const taxId = `T${newId().toUpperCase()}`
  await w.services.db.kysely.updateTable('clients').set({ tax_id: taxId }).where('id', '=', w.a.client.id).execute()
  const xml = writeCamt053([
    {
      id: `ISO-${newId()}`,
      iban: 'HU42117730160000000000000000',
      currency: 'HUF',
      openingMinor: 0,
      entries: [
        {
          date: '2026-11-02',
          amountMinor: 12_300,
          direction: 'in',
          name: 'Client A',
          taxId,
          bankRef: `ISO-${newId()}`,
        },
      ],
    },
  ])
  const out = await importStatement(system(w), { name: 'a.xml', bytes: Buffer.from(xml) })
  const tx = await w.services.db.kysely
    .selectFrom('bank_transactions')
    .select('id')
    .where('import_id', '=', out.importId as string)
    .executeTakeFirstOrThrow()
  return { importId: out.importId as string, txId: tx.id }
}

const anImportCase: IsolationCase = async (w) => ({ params: { id: (await anImport(w)).importId } })
const aTransaction =
  (body: Record<string, string> = {}): IsolationCase =>
  async (w) => ({ params: { id: (await anImport(w)).txId }, body })

const aClientRule: IsolationCase = async (w) => ({
  params: { id: await createClientRule(system(w), { pattern: `payer ${newId()}`, clientId: w.a.client.id }) },
})

const anExpenseRule: IsolationCase = async (w) => {
  const id = newId()
  await w.services.db.kysely
    .insertInto('expense_categories')
    .values({ id, parent_id: null, name: 'Isolation', code: null, archived: 0, created_at: nowIso() })
    .execute()
  const ruleId = await createExpenseRule(
    system(w),
    { kind: 'keyword', value: `kw ${newId()}`, categoryId: id, position: 1 },
    new Set([id]),
  )
  return { params: { id: ruleId } }
}

const anAccount: IsolationCase = async (w) => {
  const row = await createOwnAccount(system(w), {
    account: `HU${newId().toUpperCase()}`,
    name: 'Isolation',
    currency: 'HUF',
  })
  return { params: { id: row.id }, body: { name: 'Renamed' } }
}

/** Bank data is company money: client users get nothing; a manager only its own clients' incoming payments. */
export const bankCases: IsolationCases = {
  'GET /bank/imports/:id': anImportCase,
  'GET /bank/imports/:id/file': anImportCase,
  'GET /bank/review/:id': aTransaction(),
  'POST /bank/review/:id/assign': aTransaction({ client_id: 'x' }),
  'POST /bank/review/:id/ignore': aTransaction(),
  'POST /bank/review/:id/category': aTransaction({ category_id: '' }),
  'POST /bank/review/:id/expense': aTransaction({ category_id: '' }),
  'POST /bank/rules/:id/delete': aClientRule,
  'POST /bank/expense-rules/:id/delete': anExpenseRule,
  'GET /bank/accounts/:id': anAccount,
  'POST /bank/accounts/:id': anAccount,
  'GET /api/v1/bank/imports/:id': anImportCase,
  'GET /api/v1/bank/review/:id': aTransaction(),
}
