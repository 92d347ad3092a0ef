import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorJson } from '../../core/api/schemas.js'
import { CLIENT_STATUSES } from '../clients/index.js'
import { listChanges } from './site-changes.service.js'
import { upsertSiteClient } from './site-clients.service.js'
import { upsertSiteUser } from './site-users.service.js'

const SYNC = { access: { permission: 'site.sync' } } as const

const ExternalIdParams = Type.Object({
  externalId: Type.String({ minLength: 1, maxLength: 200, description: 'The website’s own id of the record' }),
})

const ClientBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: 'Legal name' }),
  status: Type.Optional(Type.Union(CLIENT_STATUSES.map((s) => Type.Literal(s)))),
  country: Type.Optional(
    Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166 alpha-2; decides how taxId is checked' }),
  ),
  taxId: Type.Optional(
    Type.String({ maxLength: 40, description: 'Hungarian adószám, Russian INN, or as typed elsewhere' }),
  ),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
})

const UserBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  clientExternalId: Type.String({ minLength: 1, maxLength: 200, description: 'The website’s id of the user’s client' }),
  locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('hu'), Type.Literal('ru')])),
  isClientAdmin: Type.Optional(Type.Boolean()),
  disabled: Type.Optional(Type.Boolean()),
})

const UpsertFields = {
  id: Type.String({ description: 'Kabinet’s id' }),
  externalId: Type.String(),
  created: Type.Boolean({ description: 'A new record was made' }),
  changed: Type.Boolean({ description: 'Anything was written; false when the data was already so' }),
}

const ClientUpsertJson = Type.Object(UpsertFields, { $id: 'SiteClientUpsert' })
const UserUpsertJson = Type.Object(
  {
    ...UpsertFields,
    clientId: Type.String(),
    status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('disabled')]),
  },
  { $id: 'SiteUserUpsert' },
)

const ChangesQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 100, description: 'nextCursor of the previous page; omit to start' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
})

const ChangesJson = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal('client'), Type.Literal('user')]),
        id: Type.String(),
        externalId: Type.Union([Type.String(), Type.Null()]),
        action: Type.String({ description: 'e.g. client.created, user.updated, user.disabled' }),
        at: Type.String({ description: 'ISO 8601 UTC' }),
      }),
    ),
    nextCursor: Type.String({ description: 'Pass as cursor next time; returned even when nothing changed' }),
    hasMore: Type.Boolean(),
  },
  { $id: 'SiteChanges' },
)

const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 409: ErrorJson, 422: ErrorJson }

/** The website's API: upserts by the website's ids and a feed of changes (DESIGN.md §2 `site`). */
export async function siteApi(app: FastifyInstance) {
  app.put(
    '/clients/:externalId',
    {
      config: SYNC,
      schema: {
        tags: ['site'],
        summary: 'Create or update a client by the website’s id (idempotent)',
        params: ExternalIdParams,
        body: ClientBody,
        response: { 200: ClientUpsertJson, ...errors },
      },
    },
    async (req) => {
      const { externalId } = req.params as { externalId: string }
      return upsertSiteClient(req.ctx, externalId, req.body as Parameters<typeof upsertSiteClient>[2])
    },
  )

  app.put(
    '/users/:externalId',
    {
      config: SYNC,
      schema: {
        tags: ['site'],
        summary: 'Create (invite) or update a client user by the website’s id (idempotent)',
        description:
          'A new user gets an invitation e-mail. 409 `site.email_taken` when the address belongs to a user not linked to this id; 409 `site.email_differs` when the linked user has another address.',
        params: ExternalIdParams,
        body: UserBody,
        response: { 200: UserUpsertJson, ...errors },
      },
    },
    async (req) => {
      const { externalId } = req.params as { externalId: string }
      return upsertSiteUser(req.ctx, externalId, req.body as Parameters<typeof upsertSiteUser>[2])
    },
  )

  app.get(
    '/changes',
    {
      config: SYNC,
      schema: {
        tags: ['site'],
        summary: 'Changes to clients and client users since a cursor, oldest first',
        querystring: ChangesQuery,
        response: { 200: ChangesJson, 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 422: ErrorJson },
      },
    },
    async (req) => {
      const q = req.query as { cursor?: string; limit?: number }
      return listChanges(req.ctx, { cursor: q.cursor, limit: q.limit })
    },
  )
}
