import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { IdParams, pageOf } from '../../core/api/schemas.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { clientInputFromRow, emptyClientInput } from './client-input.js'
import {
  ClientJson,
  ClientListItemJson,
  ClientPatch,
  ClientQuery,
  ContactParams,
  ContactPatch,
  ContactPersonJson,
  ERRORS,
  NewClientBody,
  NewContactBody,
} from './clients.api-schemas.js'
import { CLIENT_LIST_SPEC } from './clients.queries.js'
import { createClient, getClient, listClients, updateClient } from './clients.service.js'
import {
  apiFields,
  clientInputFrom,
  clientJsonBase,
  contactInputFrom,
  toClientJson,
  toContactJson,
} from './clients-json.js'
import {
  addContactPerson,
  contactPersonInputFrom,
  emptyContactPersonInput,
  getContactPerson,
  listContactPersons,
  updateContactPerson,
} from './contact-persons.service.js'

/** `/api/v1/clients`: the client list, cards and contact persons with the same rules and scope as the pages. */
export async function clientsApi(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const read = { access: { permission: 'clients.read' } } as const
  const manage = { access: { permission: 'clients.manage' } } as const

  api.get(
    '/',
    {
      config: read,
      schema: {
        tags: ['clients'],
        summary: 'List clients (search name, tax id, e-mail, contact persons; filter status, group, manager)',
        querystring: ClientQuery,
        response: { 200: pageOf(ClientListItemJson), ...ERRORS },
      },
    },
    async (req) => {
      const lq = parseListQuery(req.query, CLIENT_LIST_SPEC)
      const page = await listClients(req.ctx, lq, {
        q: lq.q,
        status: lq.params.status,
        group: lq.params.group,
        manager: lq.params.manager,
      })
      return {
        items: page.rows.map((r) => ({
          ...clientJsonBase(r),
          contactCount: Number(r.contact_count ?? 0),
          userCount: Number(r.user_count ?? 0),
        })),
        total: page.total,
        page: page.page,
        per: page.per,
      }
    },
  )

  api.get(
    '/:id',
    {
      config: read,
      schema: { tags: ['clients'], summary: 'One client', params: IdParams, response: { 200: ClientJson, ...ERRORS } },
    },
    async (req) => toClientJson(await getClient(req.ctx, req.params.id)),
  )

  api.post(
    '/',
    {
      config: manage,
      schema: {
        tags: ['clients'],
        summary: 'Create a client',
        body: NewClientBody,
        response: { 201: ClientJson, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { managerId, ...body } = req.body
      const { id } = await apiFields(() =>
        createClient(req.ctx, clientInputFrom(emptyClientInput(), body), managerId ?? null),
      )
      return reply.status(201).send(toClientJson(await getClient(req.ctx, id)))
    },
  )

  api.patch(
    '/:id',
    {
      config: manage,
      schema: {
        tags: ['clients'],
        summary: 'Change a client (absent fields stay)',
        params: IdParams,
        body: ClientPatch,
        response: { 200: ClientJson, ...ERRORS },
      },
    },
    async (req) => {
      const current = await getClient(req.ctx, req.params.id)
      await apiFields(() => updateClient(req.ctx, current.id, clientInputFrom(clientInputFromRow(current), req.body)))
      return toClientJson(await getClient(req.ctx, current.id))
    },
  )

  api.get(
    '/:id/contact-persons',
    {
      config: read,
      schema: {
        tags: ['clients'],
        summary: "A client's contact persons, primary first",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(ContactPersonJson) }), ...ERRORS },
      },
    },
    async (req) => {
      const client = await getClient(req.ctx, req.params.id)
      return { items: (await listContactPersons(req.ctx, client.id)).map(toContactJson) }
    },
  )

  api.post(
    '/:id/contact-persons',
    {
      config: manage,
      schema: {
        tags: ['clients'],
        summary: 'Add a contact person',
        params: IdParams,
        body: NewContactBody,
        response: { 201: ContactPersonJson, ...ERRORS },
      },
    },
    async (req, reply) => {
      const client = await getClient(req.ctx, req.params.id)
      const { id } = await apiFields(() =>
        addContactPerson(req.ctx, client.id, contactInputFrom(emptyContactPersonInput(), req.body)),
      )
      return reply.status(201).send(toContactJson(await getContactPerson(req.ctx, client.id, id)))
    },
  )

  api.patch(
    '/:id/contact-persons/:contactId',
    {
      config: manage,
      schema: {
        tags: ['clients'],
        summary: 'Change a contact person (absent fields stay)',
        params: ContactParams,
        body: ContactPatch,
        response: { 200: ContactPersonJson, ...ERRORS },
      },
    },
    async (req) => {
      const { id, contactId } = req.params
      const current = await getContactPerson(req.ctx, id, contactId)
      await apiFields(() =>
        updateContactPerson(req.ctx, id, contactId, contactInputFrom(contactPersonInputFrom(current), req.body)),
      )
      return toContactJson(await getContactPerson(req.ctx, id, contactId))
    },
  )
}
