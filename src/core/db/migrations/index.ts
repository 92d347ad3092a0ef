import type { MigrationMap } from '../migrator.js'
import * as foundation from './2026_11_29_0300_core_create_foundation.js'
import * as userAreas from './2026_11_29_0400_core_add_user_areas.js'
import * as notificationPrefs from './2026_11_29_0500_core_create_notification_preferences.js'
import * as numberSequences from './2026_11_29_0600_core_create_number_sequences.js'

export const coreMigrations: MigrationMap = {
  '2026_11_29_0300_core_create_foundation': foundation,
  '2026_11_29_0400_core_add_user_areas': userAreas,
  '2026_11_29_0500_core_create_notification_preferences': notificationPrefs,
  '2026_11_29_0600_core_create_number_sequences': numberSequences,
}
