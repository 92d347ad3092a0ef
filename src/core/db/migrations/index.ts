import type { MigrationMap } from '../migrator.js'
import * as foundation from './2026_11_29_0300_core_create_foundation.js'

export const coreMigrations: MigrationMap = {
  '2026_11_29_0300_core_create_foundation': foundation,
}
