import { bankCases } from './bank-cases.js'
import { clientsCases } from './clients-cases.js'
import { contactsCases } from './contacts-cases.js'
import { contractsCases } from './contracts-cases.js'
import { coreCases } from './core-cases.js'
import { documentsCases } from './documents-cases.js'
import { expensesCases } from './expenses-cases.js'
import { financeCases } from './finance-cases.js'
import { ordersCases } from './orders-cases.js'
import { siteCases } from './site-cases.js'
import { supportCases } from './support-cases.js'
import type { IsolationCases } from './world.js'

/** Every module adds its cases here: one per id-taking route. */
export const ISOLATION_CASES: IsolationCases = {
  ...coreCases,
  ...clientsCases,
  ...contactsCases,
  ...contractsCases,
  ...ordersCases,
  ...financeCases,
  ...documentsCases,
  ...expensesCases,
  ...siteCases,
  ...supportCases,
  ...bankCases,
}

/** Route parameters that are not record ids: single-use secrets and fixed names. */
export const NON_ID_PARAMS = new Set(['token', 'kind', '*'])
