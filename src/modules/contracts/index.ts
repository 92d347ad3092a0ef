import { defineModule } from '../../core/module.js'
import { runDailyExpiry } from './contract-expiry.service.js'
import { contractsApi } from './contracts.api.js'
import { contractsDashboard } from './contracts.dashboard.js'
import { contractsDemo } from './contracts.demo.js'
import { contractsPages } from './contracts.routes.js'
import { contractsTimeline } from './contracts.timeline.js'
import { contractsMessages } from './contracts-messages.js'
import * as createContracts from './migrations/2026_11_29_1200_contracts_create_contracts.js'

/**
 * Contracts with clients: number, dates, typed parameters, amount, validity, status workflow with
 * history, the signed scan; expiry by a daily job. Needs the clients module (contracts belong to clients).
 */
export const contractsModule = defineModule({
  name: 'contracts',
  dependsOn: ['clients'],
  permissions: {
    'contracts.read': ['manager', 'head'],
    'contracts.manage': ['manager', 'head'],
    'contracts.client': ['client'],
  },
  clientAreas: { 'contracts.client': 'documents' },
  tables: { contracts: 'client', contract_status_changes: 'client', contract_expiry_runs: 'staff' },
  migrations: { '2026_11_29_1200_contracts_create_contracts': createContracts },
  pages: contractsPages,
  api: contractsApi,
  nav: [
    { label: 'nav.contracts', href: '/contracts', group: 'clients', permission: 'contracts.read' },
    {
      label: 'nav.my_contracts',
      href: '/contracts/mine',
      group: 'main',
      permission: 'contracts.client',
      roles: ['client'],
    },
  ],
  messages: contractsMessages,
  jobs: [
    {
      name: 'contracts.expire',
      everySeconds: 3600,
      run: async (ctx) => {
        await runDailyExpiry(ctx)
      },
    },
  ],
  dashboard: contractsDashboard,
  timeline: contractsTimeline,
  demo: contractsDemo,
})

export { expireEndedContracts, runDailyExpiry } from './contract-expiry.service.js'
export { changeContractStatus } from './contract-status.service.js'
export type { ContractStatus, ContractType } from './contracts.constants.js'
export { type ContractView, createContract, getContract, listContracts } from './contracts.service.js'
