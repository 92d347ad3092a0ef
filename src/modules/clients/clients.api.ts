import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../../core/api/schemas.js'
import { ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { parseBankAccounts } from './bank-accounts.js'
import { type ClientInput, clientInputFromRow, emptyClientInput, splitTags } from './client-input.js'
import { CLIENT_KINDS, CLIENT_STATUSES, RELATIONSHIP_ROLES, SUPPORT_VISIBILITIES } from './clients.constants.js'
import type { ClientListRow, ClientWithManager } from './clients.queries.js'
import type { ContactPerson } from './clients.schema.js'
import { createClient, getClient, listClients, updateClient } from './clients.service.js'
import {
  addContactPerson,
  type ContactPersonInput,
  contactPersonInputFrom,
  emptyContactPersonInput,
  getContactPerson,
  listContactPersons,
  updateContactPerson,
} from './contact-persons.service.js'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const Str = Type.String()
const BankAccountJson = Type.Object({ bankName: Str, account: Str, bic: Str, currency: Str })

const clientProperties = {
  id: Str,
  name: Str,
  shortName: Nullable(Str),
  kind: Type.Enum(CLIENT_KINDS),
  country: Nullable(Str),
  taxId: Nullable(Str),
  kpp: Nullable(Str),
  registrationNumber: Nullable(Str),
  legalAddress: Nullable(Str),
  postalAddress: Nullable(Str),
  phone: Nullable(Str),
  email: Nullable(Str),
  website: Nullable(Str),
  group: Nullable(Str),
  status: Type.Enum(CLIENT_STATUSES),
  tags: Type.Array(Str),
  notes: Nullable(Str),
  bankAccounts: Type.Array(BankAccountJson),
  managerId: Nullable(Str),
  managerName: Nullable(Str),
  createdAt: Str,
}

const ClientJson = Type.Object({
  ...clientProperties,
  supportVisibility: Type.Enum(SUPPORT_VISIBILITIES),
  updatedAt: Str,
})
const ClientListItemJson = Type.Object({ ...clientProperties, contactCount: Type.Integer(), userCount: Type.Integer() })

const ClientQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(
    Type.Union([Type.Enum(CLIENT_STATUSES), Type.Literal('any')], {
      description: 'Default: every status but archived',
    }),
  ),
  group: Type.Optional(Type.String({ maxLength: 80 })),
  manager: Type.Optional(Type.String({ maxLength: 64, description: "A manager's user id, or 'none'" })),
})

const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const clientBodyProperties = {
  shortName: opt(80),
  kind: Type.Optional(Type.Enum(CLIENT_KINDS)),
  country: opt(2),
  taxId: opt(40),
  kpp: opt(9),
  registrationNumber: opt(60),
  legalAddress: opt(500),
  postalAddress: opt(500),
  phone: opt(40),
  email: opt(254),
  website: opt(300),
  group: opt(80),
  status: Type.Optional(Type.Enum(CLIENT_STATUSES)),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  notes: opt(5000),
  bankAccounts: Type.Optional(
    Type.Array(
      Type.Object(
        { account: Type.String({ maxLength: 60 }), bankName: opt(120), bic: opt(11), currency: opt(3) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  ),
}
const NewClientBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    ...clientBodyProperties,
    managerId: Type.Optional(
      Type.String({ maxLength: 64, description: 'Heads only; a manager always gets its own new clients' }),
    ),
  },
  { additionalProperties: false },
)
const ClientPatch = Type.Object({ name: opt(200), ...clientBodyProperties }, { additionalProperties: false })

const ContactPersonJson = Type.Object({
  id: Str,
  clientId: Str,
  name: Str,
  position: Nullable(Str),
  email: Nullable(Str),
  phone: Nullable(Str),
  mobile: Nullable(Str),
  messenger: Nullable(Str),
  relationshipRole: Type.Enum(RELATIONSHIP_ROLES),
  isPrimary: Type.Boolean(),
  notes: Nullable(Str),
  userId: Nullable(Str),
  createdAt: Str,
  updatedAt: Str,
})
const contactBodyProperties = {
  position: opt(120),
  email: opt(254),
  phone: opt(40),
  mobile: opt(40),
  messenger: opt(200),
  relationshipRole: Type.Optional(Type.Enum(RELATIONSHIP_ROLES)),
  isPrimary: Type.Optional(Type.Boolean()),
  notes: opt(2000),
}
const NewContactBody = Type.Object(
  { name: Type.String({ maxLength: 200 }), ...contactBodyProperties },
  { additionalProperties: false },
)
const ContactPatch = Type.Object({ name: opt(200), ...contactBodyProperties }, { additionalProperties: false })
const ContactParams = Type.Object({ id: IdParams.properties.id, contactId: IdParams.properties.id })

const ERRORS = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson, 422: ErrorJson }
const LIST_SPEC = {
  sortable: ['name', 'status', 'group', 'manager', 'contacts', 'users', 'created_at'],
  defaultSort: 'name',
}

type ClientBody = Partial<Static<typeof ClientPatch>>

function clientJsonBase(c: ClientListRow | ClientWithManager) {
  return {
    id: c.id,
    name: c.name,
    shortName: c.short_name,
    kind: c.kind,
    country: c.country,
    taxId: c.tax_id,
    kpp: c.kpp,
    registrationNumber: c.registration_number,
    legalAddress: c.legal_address,
    postalAddress: c.postal_address,
    phone: c.phone,
    email: c.email,
    website: c.website,
    group: c.client_group,
    status: c.status as (typeof CLIENT_STATUSES)[number],
    tags: splitTags(c.tags),
    notes: c.notes,
    bankAccounts: parseBankAccounts(c.bank_accounts),
    managerId: c.manager_id,
    managerName: c.manager_name,
    createdAt: c.created_at,
  }
}

const toClientJson = (c: ClientWithManager) => ({
  ...clientJsonBase(c),
  supportVisibility: c.support_visibility,
  updatedAt: c.updated_at,
})

const toContactJson = (c: ContactPerson) => ({
  id: c.id,
  clientId: c.client_id,
  name: c.name,
  position: c.position,
  email: c.email,
  phone: c.phone,
  mobile: c.mobile,
  messenger: c.messenger,
  relationshipRole: c.relationship_role,
  isPrimary: c.is_primary === 1,
  notes: c.notes,
  userId: c.user_id,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
})

/** The API body over the typed input (absent fields keep `base`). */
function clientInputFrom(base: ClientInput, body: ClientBody): ClientInput {
  const pick = (v: string | undefined, fallback: string) => (v === undefined ? fallback : v)
  return {
    name: pick(body.name, base.name),
    shortName: pick(body.shortName, base.shortName),
    kind: pick(body.kind, base.kind),
    country: pick(body.country, base.country),
    taxId: pick(body.taxId, base.taxId),
    kpp: pick(body.kpp, base.kpp),
    registrationNumber: pick(body.registrationNumber, base.registrationNumber),
    legalAddress: pick(body.legalAddress, base.legalAddress),
    postalAddress: pick(body.postalAddress, base.postalAddress),
    phone: pick(body.phone, base.phone),
    email: pick(body.email, base.email),
    website: pick(body.website, base.website),
    group: pick(body.group, base.group),
    status: pick(body.status, base.status),
    tags: body.tags === undefined ? base.tags : body.tags.join(', '),
    notes: pick(body.notes, base.notes),
    bankAccounts:
      body.bankAccounts === undefined
        ? base.bankAccounts
        : body.bankAccounts.map((b) => ({
            account: b.account,
            bankName: b.bankName ?? '',
            bic: b.bic ?? '',
            currency: b.currency ?? '',
          })),
  }
}

function contactInputFrom(base: ContactPersonInput, body: Partial<Static<typeof ContactPatch>>): ContactPersonInput {
  const pick = (v: string | undefined, fallback: string) => (v === undefined ? fallback : v)
  return {
    name: pick(body.name, base.name),
    position: pick(body.position, base.position),
    email: pick(body.email, base.email),
    phone: pick(body.phone, base.phone),
    mobile: pick(body.mobile, base.mobile),
    messenger: pick(body.messenger, base.messenger),
    relationshipRole: pick(body.relationshipRole, base.relationshipRole),
    isPrimary: body.isPrimary ?? base.isPrimary,
    notes: pick(body.notes, base.notes),
  }
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** Form field names in a ValidationError → the API's property names (`tax_id` → `taxId`, `bank_account_0` → `bankAccounts.0.account`). */
async function apiFields<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    const fields: Record<string, string> = {}
    for (const [k, v] of Object.entries(err.fields)) {
      const bank = /^bank_(name|account|bic|currency)_(\d+)$/.exec(k)
      const key = bank
        ? `bankAccounts.${bank[2]}.${camel(bank[1] === 'name' ? 'bank_name' : (bank[1] as string))}`
        : k === 'client_group'
          ? 'group'
          : camel(k)
      fields[key] = v
    }
    throw new ValidationError(fields, err.messageKey)
  }
}

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
      const lq = parseListQuery(req.query, LIST_SPEC)
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
