import { toActor } from '../../core/auth/sessions.js'
import { Ctx } from '../../core/ctx.js'
import type { User } from '../../core/db/core-tables.js'
import type { Locale } from '../../core/i18n/messages.js'
import type { Services } from '../../core/services.js'
import { type ClientInput, emptyClientInput } from './client-input.js'
import { createClient } from './clients.service.js'
import { addContactPerson, type ContactPersonInput, emptyContactPersonInput } from './contact-persons.service.js'

/** A service ctx acting as `user`, as a request of theirs would have. */
export const ctxOf = (services: Services, user: User, locale: Locale = 'en') =>
  Ctx.forActor(services, toActor(user), { locale })

/** A valid client input; override what the test is about. */
export const clientInput = (overrides: Partial<ClientInput> = {}): ClientInput => ({
  ...emptyClientInput(),
  name: 'Példa Kereskedelmi Kft.',
  country: 'HU',
  ...overrides,
})

/** Creates a client through the service as `user` (a head picks `managerId`). */
export async function makeClient(
  services: Services,
  user: User,
  overrides: Partial<ClientInput> = {},
  managerId?: string,
) {
  const { id } = await createClient(ctxOf(services, user), clientInput(overrides), managerId)
  return id
}

/** Adds a contact person through the service as `user`. */
export async function makeContact(
  services: Services,
  user: User,
  clientId: string,
  overrides: Partial<ContactPersonInput> = {},
) {
  const { id } = await addContactPerson(ctxOf(services, user), clientId, {
    ...emptyContactPersonInput(),
    name: 'Kovács Péter',
    ...overrides,
  })
  return id
}
