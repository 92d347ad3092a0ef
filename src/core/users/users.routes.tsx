import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CLIENT_AREAS, type ClientArea, type Role } from '../db/core-tables.js'
import { ValidationError } from '../errors.js'
import { setFlash } from '../http/flash.js'
import { type FormData, formData, formList } from '../http/forms.js'
import { parseListQuery } from '../http/list-query.js'
import { pageContext } from '../ui/page-context.js'
import { clientChoices, clientNames } from './user-clients.queries.js'
import { USER_LIST_SPEC } from './users.constants.js'
import {
  checkNewUser,
  createUser,
  getUser,
  listUsers,
  type NewUserInput,
  resendInvite,
  resetUserTotp,
  setUserStatus,
  type UserChanges,
  type UserView,
  updateUser,
} from './users.service.js'
import { NewUserPage } from './views/new-user-page.js'
import { UserDetailPage } from './views/user-detail-page.js'
import { UserListPage } from './views/user-list.js'

const ACCESS = { access: { permission: 'users.manage' } } as const

function fieldsOf(err: unknown): Record<string, string> {
  if (err instanceof ValidationError) return err.fields
  throw err
}

/** A new-user form as the service's input; the access choice decides between invitation and password. */
function newUserFromForm(form: FormData, body: unknown): NewUserInput {
  const errors: Record<string, string> = {}
  const access = form.access || 'invite'
  if (access !== 'invite' && access !== 'password') errors.access = 'form.invalid_choice'
  const password = access === 'password' ? (form.password ?? '') : null
  if (access === 'password' && !password) errors.password = 'form.required'
  const input: NewUserInput = {
    email: form.email ?? '',
    name: form.name ?? '',
    role: (form.role ?? '') as Role,
    clientId: form.client_id || null,
    isClientAdmin: form.is_client_admin === '1',
    allClients: form.all_clients === '1',
    areas: form.areas_present ? (formList(body, 'areas') as ClientArea[]) : undefined,
    locale: form.locale || null,
    password,
  }
  try {
    checkNewUser(input)
  } catch (err) {
    // The form's own findings win: they are about what the user chose on this page.
    Object.assign(errors, { ...fieldsOf(err), ...errors })
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  return input
}

/** The edit form's values for a user as saved. */
const savedValues = (u: UserView): Record<string, string> => ({
  name: u.name,
  role: u.role,
  is_client_admin: u.is_client_admin ? '1' : '',
  all_clients: u.all_clients ? '1' : '',
  areas: u.areas,
  locale: u.locale ?? '',
})

function changesFromForm(form: FormData, body: unknown, user: UserView): UserChanges {
  const changes: UserChanges = { name: form.name ?? '', locale: form.locale ?? '' }
  if (user.role === 'client') {
    changes.isClientAdmin = form.is_client_admin === '1'
    if (form.areas_present) changes.areas = formList(body, 'areas') as ClientArea[]
  } else {
    changes.allClients = form.all_clients === '1'
    if (form.role) changes.role = form.role as Role
  }
  return changes
}

async function detail(
  req: FastifyRequest,
  reply: FastifyReply,
  user: UserView,
  values?: Record<string, string>,
  errors?: Record<string, string>,
) {
  const names = await clientNames(req.ctx, [user.client_id])
  return (
    <UserDetailPage
      pc={await pageContext(req, reply)}
      user={user}
      clientName={user.client_id ? (names.get(user.client_id) ?? null) : null}
      values={values ?? savedValues(user)}
      errors={errors}
    />
  )
}

/** `/users`: every account, for the head and the administrator (users.manage). */
export async function usersRoutes(app: FastifyInstance) {
  app.get('/', { config: ACCESS }, async (req, reply) => {
    const lq = parseListQuery(req.query, USER_LIST_SPEC)
    const page = await listUsers(req.ctx, lq, { role: lq.params.role, status: lq.params.status })
    const names = await clientNames(
      req.ctx,
      page.rows.map((u) => u.client_id),
    )
    return reply.html(<UserListPage pc={await pageContext(req, reply)} lq={lq} page={page} clientNames={names} />)
  })

  app.get('/new', { config: ACCESS }, async (req, reply) =>
    reply.html(
      <NewUserPage
        pc={await pageContext(req, reply)}
        values={{ access: 'invite', areas: CLIENT_AREAS.join(',') }}
        clients={await clientChoices(req.ctx)}
      />,
    ),
  )

  app.post('/', { config: ACCESS }, async (req, reply) => {
    const form = formData(req.body)
    let id: string
    try {
      ;({ id } = await createUser(req.ctx, newUserFromForm(form, req.body)))
    } catch (err) {
      const { password: _never, ...typed } = form
      const values = { ...typed, areas: formList(req.body, 'areas').join(',') }
      return reply
        .status(422)
        .html(
          <NewUserPage
            pc={await pageContext(req, reply)}
            values={values}
            clients={await clientChoices(req.ctx)}
            errors={fieldsOf(err)}
          />,
        )
    }
    const user = await getUser(req.ctx, id)
    const key = user.status === 'invited' ? 'users.created_invited' : 'users.created_active'
    setFlash(reply, 'success', req.t(key, { name: user.name, email: user.email }))
    return reply.redirect(`/users/${encodeURIComponent(id)}`, 303)
  })

  app.get('/:id', { config: ACCESS }, async (req, reply) => {
    const user = await getUser(req.ctx, (req.params as { id: string }).id)
    return reply.html(await detail(req, reply, user))
  })

  app.post('/:id', { config: ACCESS }, async (req, reply) => {
    const user = await getUser(req.ctx, (req.params as { id: string }).id)
    const form = formData(req.body)
    try {
      await updateUser(req.ctx, user.id, changesFromForm(form, req.body, user))
    } catch (err) {
      const values = {
        ...savedValues(user),
        ...form,
        is_client_admin: form.is_client_admin ?? '',
        all_clients: form.all_clients ?? '',
        areas: formList(req.body, 'areas').join(','),
      }
      return reply.status(422).html(await detail(req, reply, user, values, fieldsOf(err)))
    }
    setFlash(reply, 'success', req.t('users.saved', { name: (form.name ?? user.name).trim() }))
    return reply.redirect(`/users/${encodeURIComponent(user.id)}`, 303)
  })

  const action = (path: string, act: (req: FastifyRequest, id: string) => Promise<void>, flashKey: string) =>
    app.post(`/:id/${path}`, { config: ACCESS }, async (req, reply) => {
      const user = await getUser(req.ctx, (req.params as { id: string }).id)
      await act(req, user.id)
      setFlash(reply, 'success', req.t(flashKey, { name: user.name, email: user.email }))
      return reply.redirect(`/users/${encodeURIComponent(user.id)}`, 303)
    })
  action('disable', (req, id) => setUserStatus(req.ctx, id, 'disabled'), 'users.disabled_flash')
  action('enable', (req, id) => setUserStatus(req.ctx, id, 'active'), 'users.enabled_flash')
  action('reset-2fa', (req, id) => resetUserTotp(req.ctx, id), 'users.totp_reset_flash')
  action('resend-invite', (req, id) => resendInvite(req.ctx, id), 'users.invite_resent')
}
