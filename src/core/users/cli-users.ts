import type { AppConfig } from '../../config.js'
import { Ctx } from '../ctx.js'
import type { Role } from '../db/core-tables.js'
import type { Db } from '../db/database.js'
import { ValidationError } from '../errors.js'
import { buildStandaloneServices } from '../standalone-services.js'
import { createUser } from './users.service.js'

export interface CliUserInput {
  email: string
  name: string
  role: Role
  client?: string
  isClientAdmin: boolean
  allClients: boolean
  password: string
  locale: string | null
}

/** `kabinet user create`: the same rules as the UI, acting as the system. */
export async function createUserFromCli(config: AppConfig, db: Db, input: CliUserInput) {
  const services = buildStandaloneServices(config, db)
  const ctx = Ctx.system(services, 'cli')
  let clientId: string | null = null
  if (input.client) {
    const found = await db.kysely
      .selectFrom('clients')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', input.client as string), eb('name', '=', input.client as string)]))
      .execute()
    if (found.length !== 1)
      throw new Error(
        found.length ? `several clients are named "${input.client}"; use its id` : `no client "${input.client}"`,
      )
    clientId = found[0]?.id ?? null
  }
  try {
    const { id } = await createUser(ctx, {
      email: input.email,
      name: input.name,
      role: input.role,
      clientId,
      isClientAdmin: input.isClientAdmin,
      allClients: input.allClients,
      password: input.password,
      locale: input.locale,
    })
    return { id, email: input.email.trim().toLowerCase(), name: input.name, role: input.role, clientId }
  } catch (err) {
    if (err instanceof ValidationError) {
      const t = services.catalog.translator('en')
      throw new Error(
        Object.entries(err.fields)
          .map(([f, k]) => `${f}: ${t(k)}`)
          .join('; '),
      )
    }
    throw err
  }
}
