import type { FastifyInstance, FastifyRequest } from 'fastify'
import { CLIENT_AREAS, type ClientArea } from '../db/core-tables.js'
import { ForbiddenError, ValidationError } from '../errors.js'
import { setFlash } from '../http/flash.js'
import { formData, formList } from '../http/forms.js'
import { parseListQuery } from '../http/list-query.js'
import { pageContext } from '../ui/page-context.js'
import { inviteColleague } from './colleagues.service.js'
import { getUser, listUsers, resendInvite, setUserStatus, updateUser } from './users.service.js'
import { ColleagueListPage, ColleaguePage, InviteColleaguePage } from './views/colleague-pages.js'

const ACCESS = { access: { permission: 'company.users' } } as const
const LIST_SPEC = { sortable: ['name', 'email', 'status', 'last_login_at'], defaultSort: 'name' } as const

/** The caller's own company: client admins manage only their colleagues. */
function ownClientId(req: FastifyRequest): string {
  const clientId = req.actor?.clientId
  if (!clientId) throw new ForbiddenError('company.users')
  return clientId
}

/** `/company/users`: a client admin invites, disables and re-enables the colleagues of its own company. */
export async function companyUsersRoutes(app: FastifyInstance) {
  app.get('/', { config: ACCESS }, async (req, reply) => {
    const lq = parseListQuery(req.query, LIST_SPEC)
    // The scope already confines a client user to its company; the filter says so explicitly too.
    const page = await listUsers(req.ctx, lq, { status: lq.params.status, clientId: ownClientId(req) })
    return reply.html(<ColleagueListPage pc={await pageContext(req, reply)} lq={lq} page={page} />)
  })

  app.get('/new', { config: ACCESS }, async (req, reply) =>
    reply.html(<InviteColleaguePage pc={await pageContext(req, reply)} values={{ areas: CLIENT_AREAS.join(',') }} />),
  )

  app.post('/', { config: ACCESS }, async (req, reply) => {
    const form = formData(req.body)
    try {
      await inviteColleague(req.ctx, {
        email: form.email ?? '',
        name: form.name ?? '',
        locale: form.locale || null,
        areas: formList(req.body, 'areas') as ClientArea[],
      })
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      const values = { ...form, areas: formList(req.body, 'areas').join(',') }
      return reply
        .status(422)
        .html(<InviteColleaguePage pc={await pageContext(req, reply)} values={values} errors={err.fields} />)
    }
    setFlash(
      reply,
      'success',
      req.t('colleagues.invited_flash', { name: (form.name ?? '').trim(), email: (form.email ?? '').trim() }),
    )
    return reply.redirect('/company/users', 303)
  })

  app.get('/:id', { config: ACCESS }, async (req, reply) => {
    const user = await getUser(req.ctx, (req.params as { id: string }).id)
    return reply.html(<ColleaguePage pc={await pageContext(req, reply)} user={user} />)
  })

  app.post('/:id', { config: ACCESS }, async (req, reply) => {
    const user = await getUser(req.ctx, (req.params as { id: string }).id)
    const areas = formList(req.body, 'areas') as ClientArea[]
    try {
      await updateUser(req.ctx, user.id, { areas })
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      return reply
        .status(422)
        .html(
          <ColleaguePage pc={await pageContext(req, reply)} user={user} areas={areas.join(',')} errors={err.fields} />,
        )
    }
    setFlash(reply, 'success', req.t('users.saved', { name: user.name }))
    return reply.redirect(`/company/users/${encodeURIComponent(user.id)}`, 303)
  })

  const action = (path: string, act: (req: FastifyRequest, id: string) => Promise<void>, flashKey: string) =>
    app.post(`/:id/${path}`, { config: ACCESS }, async (req, reply) => {
      const user = await getUser(req.ctx, (req.params as { id: string }).id)
      await act(req, user.id)
      setFlash(reply, 'success', req.t(flashKey, { name: user.name, email: user.email }))
      return reply.redirect(`/company/users/${encodeURIComponent(user.id)}`, 303)
    })
  action('disable', (req, id) => setUserStatus(req.ctx, id, 'disabled'), 'users.disabled_flash')
  action('enable', (req, id) => setUserStatus(req.ctx, id, 'active'), 'users.enabled_flash')
  action('resend-invite', (req, id) => resendInvite(req.ctx, id), 'users.invite_resent')
}
