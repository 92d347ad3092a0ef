import type { MigrationMap } from '../../../core/db/migrator.js'
import * as createContactLog from './2026_11_29_1800_contacts_create_contact_log.js'

export const contactsMigrations: MigrationMap = {
  '2026_11_29_1800_contacts_create_contact_log': createContactLog,
}
