import type { MigrationMap } from '../../../core/db/migrator.js'
import * as createTables from './2026_11_29_1500_site_create_tables.js'

export const siteMigrations: MigrationMap = {
  '2026_11_29_1500_site_create_tables': createTables,
}
