import type { MigrationMap } from '../../../core/db/migrator.js'
import * as extendClients from './2026_11_29_0500_clients_extend_clients.js'
import * as contactPersons from './2026_11_29_0510_clients_create_contact_persons.js'
import * as managerHistory from './2026_11_29_0520_clients_create_manager_history.js'
import * as sortName from './2026_11_29_0530_clients_add_sort_name.js'

export const clientsMigrations: MigrationMap = {
  '2026_11_29_0500_clients_extend_clients': extendClients,
  '2026_11_29_0510_clients_create_contact_persons': contactPersons,
  '2026_11_29_0520_clients_create_manager_history': managerHistory,
  '2026_11_29_0530_clients_add_sort_name': sortName,
}
