import type { FastifyInstance } from 'fastify'
import type { Services } from '../../src/core/services.js'
import type { Given, GivenUser } from '../helpers/given.js'

/** Two client companies A and B with their people, and staff assigned to each. */
export interface IsolationWorld {
  app: FastifyInstance
  services: Services
  given: Given
  head: GivenUser
  a: { client: { id: string }; admin: GivenUser; user: GivenUser; manager: GivenUser }
  b: { client: { id: string }; admin: GivenUser; user: GivenUser; manager: GivenUser }
}

export interface IsolationTarget {
  params: Record<string, string>
  body?: Record<string, unknown>
}

/** Builds A's resource for one route and returns the URL parameters that point at it. */
export type IsolationCase = (w: IsolationWorld) => Promise<IsolationTarget>

export type IsolationCases = Record<string, IsolationCase>

export async function buildWorld(app: FastifyInstance, given: Given): Promise<IsolationWorld> {
  const head = await given.head()
  const managerA = await given.manager()
  const managerB = await given.manager()
  const clientA = await given.client({ name: 'Client A', managerId: managerA.id })
  const clientB = await given.client({ name: 'Client B', managerId: managerB.id })
  return {
    app,
    services: app.services,
    given,
    head,
    a: {
      client: clientA,
      admin: await given.clientUser({ client: clientA, isClientAdmin: true }),
      user: await given.clientUser({ client: clientA }),
      manager: managerA,
    },
    b: {
      client: clientB,
      admin: await given.clientUser({ client: clientB, isClientAdmin: true }),
      user: await given.clientUser({ client: clientB }),
      manager: managerB,
    },
  }
}
