import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, pageOf } from '../../core/api/schemas.js'
import { ValidationError } from '../../core/errors.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { CONTACT_LIMITS } from './contacts.constants.js'
import { contactFiltersFrom } from './contacts.filters.js'
import { CONTACT_LIST_SPEC, CONTACT_SORTS } from './contacts.queries.js'
import type {
  Channel as ChannelName,
  ContactInput,
  ContactView,
  Direction as DirectionName,
} from './contacts.schema.js'
import {
  deleteContact,
  getContact,
  listContacts,
  MANAGE,
  markNextStepDone,
  READ,
  recordContact,
  updateContact,
} from './contacts.service.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const Channel = Type.Union([
  Type.Literal('call'),
  Type.Literal('meeting'),
  Type.Literal('email'),
  Type.Literal('message'),
  Type.Literal('visit'),
])
const Direction = Type.Union([Type.Literal('inbound'), Type.Literal('outbound')])
// The API's lists must be the schema's: this line stops compiling when they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const listsMatch: Same<Static<typeof Channel>, ChannelName> & Same<Static<typeof Direction>, DirectionName> = true
void listsMatch
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$'
const PlainDate = Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD' })
// Request fields that take null are one JSON-schema type list: inside anyOf, ajv's type coercion
// would turn a null into 0 or '' before the null branch is tried.
const OrNull = <T>(schema: { type: 'string' | 'integer' } & Record<string, unknown>) =>
  Type.Unsafe<T | null>({ ...schema, type: [schema.type, 'null'] })

export const ContactJson = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    clientName: Type.String(),
    employeeId: Type.String(),
    employeeName: Type.String(),
    channel: Channel,
    direction: Direction,
    occurredAt: Type.String({ format: 'date-time', description: 'UTC' }),
    durationMinutes: Nullable(Type.Integer()),
    summary: Type.String(),
    outcome: Nullable(Type.String()),
    nextStep: Nullable(Type.String()),
    nextStepDue: Nullable(PlainDate),
    nextStepDoneAt: Nullable(Type.String({ format: 'date-time' })),
    nextStepDoneBy: Nullable(Type.String()),
    contactPersons: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), position: Nullable(Type.String()) }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
  },
  { description: 'A contact log entry' },
)

const Fields = {
  clientId: Type.String({ minLength: 1, maxLength: 64 }),
  contactPersonIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: CONTACT_LIMITS.persons }),
  employeeId: Type.String({ maxLength: 64, description: 'Default: the caller. Only the head may name someone else.' }),
  channel: Channel,
  direction: Direction,
  occurredAt: Type.String({ format: 'date-time', description: 'ISO 8601 with offset or Z' }),
  durationMinutes: OrNull<number>({ type: 'integer', minimum: 0, maximum: CONTACT_LIMITS.durationMinutes }),
  summary: Type.String({ minLength: 1, maxLength: CONTACT_LIMITS.summary }),
  outcome: OrNull<string>({ type: 'string', maxLength: CONTACT_LIMITS.outcome }),
  nextStep: OrNull<string>({ type: 'string', maxLength: CONTACT_LIMITS.nextStep }),
  nextStepDue: OrNull<string>({ type: 'string', pattern: DATE_PATTERN, description: 'YYYY-MM-DD' }),
}
const { clientId, channel, direction, occurredAt, summary, ...optional } = Fields
const CreateBody = Type.Object({
  clientId,
  channel,
  direction,
  occurredAt,
  summary,
  ...Object.fromEntries(Object.entries(optional).map(([k, v]) => [k, Type.Optional(v)])),
} as typeof Fields)
const UpdateBody = Type.Partial(Type.Object(Fields))
type Body = Partial<Static<typeof UpdateBody>>

const ListQueryJson = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  per: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  sort: Type.Optional(Type.Union(Object.keys(CONTACT_SORTS).map((k) => Type.Literal(k)))),
  dir: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  client: Type.Optional(Type.String({ maxLength: 64 })),
  employee: Type.Optional(Type.String({ maxLength: 64 })),
  channel: Type.Optional(Channel),
  from: Type.Optional(PlainDate),
  to: Type.Optional(PlainDate),
  open: Type.Optional(Type.Boolean({ description: 'Only entries whose next step is still open' })),
})

export function toContactJson(c: ContactView): Static<typeof ContactJson> {
  return {
    id: c.id,
    clientId: c.client_id,
    clientName: c.client_name,
    employeeId: c.employee_id,
    employeeName: c.employee_name,
    channel: c.channel,
    direction: c.direction,
    occurredAt: c.occurred_at,
    durationMinutes: c.duration_minutes,
    summary: c.summary,
    outcome: c.outcome,
    nextStep: c.next_step,
    nextStepDue: c.next_step_due,
    nextStepDoneAt: c.next_step_done_at,
    nextStepDoneBy: c.next_step_done_by,
    contactPersons: c.persons,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    createdBy: c.created_by,
  }
}

/** The body over the entry's current values (PATCH) or over nothing (POST), as service input. */
function inputOf(body: Body, base?: ContactView): ContactInput {
  return {
    clientId: body.clientId ?? base?.client_id ?? '',
    contactPersonIds: body.contactPersonIds ?? base?.persons.map((p) => p.id) ?? [],
    employeeId: body.employeeId,
    channel: body.channel ?? base?.channel ?? '',
    direction: body.direction ?? base?.direction ?? '',
    occurredAt: body.occurredAt ?? base?.occurred_at ?? '',
    durationMinutes: body.durationMinutes !== undefined ? body.durationMinutes : (base?.duration_minutes ?? null),
    summary: body.summary ?? base?.summary ?? '',
    outcome: (body.outcome !== undefined ? body.outcome : base?.outcome) ?? '',
    nextStep: (body.nextStep !== undefined ? body.nextStep : base?.next_step) ?? '',
    nextStepDue: (body.nextStepDue !== undefined ? body.nextStepDue : base?.next_step_due) ?? '',
  }
}

// The service names fields as the form does; the API speaks camelCase.
const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
async function apiFields<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof ValidationError) {
      throw new ValidationError(Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [camel(k), v])))
    }
    throw err
  }
}

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }

/** `/api/v1/contacts`: the contact log for integrations (staff tokens only; clients never see it). */
export async function contactsApi(app: FastifyInstance) {
  app.get(
    '/',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: ['contacts'],
        summary: 'List contact log entries',
        querystring: ListQueryJson,
        response: { 200: pageOf(ContactJson), ...errors },
      },
    },
    async (req) => {
      const raw = req.query as Record<string, unknown>
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]))
      if (raw.open !== undefined) params.open = raw.open ? '1' : ''
      const lq = parseListQuery(params, CONTACT_LIST_SPEC)
      const page = await listContacts(req.ctx, lq, contactFiltersFrom(lq.params))
      return { items: page.rows.map(toContactJson), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/:id',
    {
      config: { access: { permission: READ } },
      schema: {
        tags: ['contacts'],
        summary: 'One contact log entry',
        params: IdParams,
        response: { 200: ContactJson, ...errors },
      },
    },
    async (req) => toContactJson(await getContact(req.ctx, idOf(req))),
  )

  app.post(
    '/',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: ['contacts'],
        summary: 'Record a contact',
        body: CreateBody,
        response: { 201: ContactJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const { id } = await apiFields(() => recordContact(req.ctx, inputOf(req.body as Body)))
      return reply.status(201).send(toContactJson(await getContact(req.ctx, id)))
    },
  )

  app.patch(
    '/:id',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: ['contacts'],
        summary: 'Change a contact log entry (fields left out stay as they are)',
        params: IdParams,
        body: UpdateBody,
        response: { 200: ContactJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const before = await getContact(req.ctx, idOf(req))
      await apiFields(() => updateContact(req.ctx, before.id, inputOf(req.body as Body, before)))
      return toContactJson(await getContact(req.ctx, before.id))
    },
  )

  app.post(
    '/:id/done',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: ['contacts'],
        summary: 'Mark the next step of an entry done',
        params: IdParams,
        response: { 200: ContactJson, 409: ErrorJson, ...errors },
      },
    },
    async (req) => toContactJson(await markNextStepDone(req.ctx, idOf(req))),
  )

  app.delete(
    '/:id',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags: ['contacts'],
        summary: 'Delete an entry (its author or the head only)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteContact(req.ctx, idOf(req))
      return reply.status(204).send()
    },
  )
}
