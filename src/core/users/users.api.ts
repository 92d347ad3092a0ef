import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../api/schemas.js'
import type { Ctx } from '../ctx.js'
import { CLIENT_AREAS, parseAreas, type Role } from '../db/core-tables.js'
import { ForbiddenError, ValidationError } from '../errors.js'
import { parseListQuery } from '../http/list-query.js'
import { inviteColleague } from './colleagues.service.js'
import { USER_LIST_SPEC } from './users.constants.js'
import {
  createUser,
  getUser,
  listUsers,
  setUserStatus,
  type UserChanges,
  type UserView,
  updateUser,
} from './users.service.js'

const RoleJson = Type.Union([
  Type.Literal('client'),
  Type.Literal('manager'),
  Type.Literal('head'),
  Type.Literal('admin'),
])
const StatusJson = Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('disabled')])
const LocaleJson = Type.Union([Type.Literal('en'), Type.Literal('hu'), Type.Literal('ru')])
const AreasJson = Type.Array(Type.Enum(CLIENT_AREAS), {
  uniqueItems: true,
  description: 'Client users: the parts of the portal open to them',
})

/** The fields of a user that leave the server; never the password hash or the TOTP secret. */
export const UserJson = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleJson,
  clientId: Type.Union([Type.String(), Type.Null()]),
  isClientAdmin: Type.Boolean(),
  allClients: Type.Boolean(),
  areas: AreasJson,
  locale: Type.Union([Type.String(), Type.Null()]),
  status: StatusJson,
  totpEnabled: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
})

const UserQuery = Type.Object({
  ...PageQuery.properties,
  role: Type.Optional(RoleJson),
  status: Type.Optional(StatusJson),
  clientId: Type.Optional(Type.String({ maxLength: 64 })),
})

const NewUserBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ maxLength: 200 }),
    role: Type.Optional(RoleJson),
    clientId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
    isClientAdmin: Type.Optional(Type.Boolean()),
    allClients: Type.Optional(Type.Boolean()),
    areas: Type.Optional(AreasJson),
    locale: Type.Optional(Type.Union([LocaleJson, Type.Null()])),
    password: Type.Optional(
      Type.String({ maxLength: 200, description: 'Set a first password; without one the user is invited by e-mail.' }),
    ),
  },
  { additionalProperties: false },
)

const UserPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(RoleJson),
    isClientAdmin: Type.Optional(Type.Boolean()),
    allClients: Type.Optional(Type.Boolean()),
    areas: Type.Optional(AreasJson),
    locale: Type.Optional(Type.Union([LocaleJson, Type.Null()])),
  },
  { additionalProperties: false },
)

const ERRORS = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson, 422: ErrorJson }

export const toUserJson = (u: UserView) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  clientId: u.client_id,
  isClientAdmin: u.is_client_admin === 1,
  allClients: u.all_clients === 1,
  areas: u.role === 'client' ? parseAreas(u.areas) : [],
  locale: u.locale,
  status: u.status,
  totpEnabled: u.totp_enabled === 1,
  lastLoginAt: u.last_login_at,
  createdAt: u.created_at,
})

/**
 * Who may use this API: staff with users.manage (every account), account managers with
 * client_users.manage (client users of their clients) and client admins (their own company). The
 * scope already hides the rest; a user in scope but of the wrong kind is refused.
 */
function requireUserAccess(ctx: Ctx, user?: UserView): void {
  if (ctx.can('users.manage')) return
  const clientUsers = ctx.can('client_users.manage') && ctx.actor?.role !== 'client'
  const company = ctx.can('company.users')
  if ((clientUsers || company) && (!user || user.role === 'client')) return
  throw new ForbiddenError('users.manage')
}

type NewUser = Static<typeof NewUserBody>

/** Creates as the page would: staff with users.manage anyone; others only client users, client admins only by invitation into their own company. */
async function createFromApi(ctx: Ctx, body: NewUser): Promise<{ id: string }> {
  if (ctx.can('users.manage')) {
    return createUser(ctx, { ...body, role: body.role as Role, password: body.password ?? null })
  }
  requireUserAccess(ctx)
  if ((body.role && body.role !== 'client') || body.allClients) throw new ForbiddenError('users.manage')
  if (ctx.can('company.users')) {
    if (body.clientId && body.clientId !== ctx.actor?.clientId) throw new ForbiddenError('company.users')
    if (body.password) throw new ValidationError({ password: 'colleagues.invite_only' })
    return inviteColleague(ctx, body)
  }
  // An account manager: the client must be one of its own (the service's lookups are scoped).
  return createUser(ctx, { ...body, role: 'client', password: body.password ?? null })
}

/** `/api/v1/users`: the same accounts, rules and scope as the user pages. */
export async function usersApi(app: FastifyInstance) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  // Access is "signed-in": the permission check comes after the scoped lookup, so an id outside the
  // caller's scope is a 404 for everyone, never a hint that it exists.
  const config = { access: 'signed-in' } as const

  api.get(
    '/',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'List users (filter by role, status, client; search name/e-mail)',
        querystring: UserQuery,
        response: { 200: pageOf(UserJson), ...ERRORS },
      },
    },
    async (req) => {
      requireUserAccess(req.ctx)
      // Without users.manage only client users are listed (staff rows are in a manager's scope too).
      const role = req.ctx.can('users.manage') ? req.query.role : 'client'
      const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]))
      const lq = parseListQuery(query, USER_LIST_SPEC)
      const page = await listUsers(req.ctx, lq, { role, status: req.query.status, clientId: req.query.clientId })
      return { items: page.rows.map(toUserJson), total: page.total, page: page.page, per: page.per }
    },
  )

  api.get(
    '/:id',
    {
      config,
      schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: UserJson, ...ERRORS } },
    },
    async (req) => {
      const user = await getUser(req.ctx, req.params.id)
      requireUserAccess(req.ctx, user)
      return toUserJson(user)
    },
  )

  api.post(
    '/',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Create a user; without a password an invitation is e-mailed (client admins: invite a colleague)',
        body: NewUserBody,
        response: { 201: UserJson, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { id } = await createFromApi(req.ctx, req.body)
      return reply.status(201).send(toUserJson(await getUser(req.ctx, id)))
    },
  )

  api.patch(
    '/:id',
    {
      config,
      schema: {
        tags: ['users'],
        summary: 'Change name, role, rights or language; a change of rights signs the user out',
        params: IdParams,
        body: UserPatch,
        response: { 200: UserJson, ...ERRORS },
      },
    },
    async (req) => {
      const changes: UserChanges = { ...req.body, role: req.body.role as Role | undefined }
      await updateUser(req.ctx, req.params.id, changes)
      return toUserJson(await getUser(req.ctx, req.params.id))
    },
  )

  for (const [path, status, summary] of [
    ['disable', 'disabled', 'Disable a user and end its sessions'],
    ['enable', 'active', 'Enable a disabled user again'],
  ] as const) {
    api.post(
      `/:id/${path}`,
      { config, schema: { tags: ['users'], summary, params: IdParams, response: { 200: UserJson, ...ERRORS } } },
      async (req) => {
        await setUserStatus(req.ctx, req.params.id, status)
        return toUserJson(await getUser(req.ctx, req.params.id))
      },
    )
  }
}
