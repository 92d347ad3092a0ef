import type { ModuleManifest } from './core/module.js'
import { bankModule } from './modules/bank/index.js'
import { clientsModule } from './modules/clients/index.js'
import { contactsModule } from './modules/contacts/index.js'
import { contractsModule } from './modules/contracts/index.js'
import { documentsModule } from './modules/documents/index.js'
import { financeModule } from './modules/finance/index.js'
import { ordersModule } from './modules/orders/index.js'
import { reportsModule } from './modules/reports/index.js'
import { siteModule } from './modules/site/index.js'
import { supportModule } from './modules/support/index.js'

/** The one list of business modules, in boot order. Each can be switched off by configuration. */
export const MODULES: ModuleManifest[] = [
  clientsModule,
  contactsModule,
  contractsModule,
  ordersModule,
  financeModule,
  documentsModule,
  bankModule,
  siteModule,
  supportModule,
  reportsModule,
]
