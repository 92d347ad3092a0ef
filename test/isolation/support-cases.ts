import { toActor } from '../../src/core/auth/sessions.js'
import { Ctx } from '../../src/core/ctx.js'
import { addMessage, createRequest, saveCategory } from '../../src/modules/support/index.js'
import type { IsolationCase, IsolationCases, IsolationWorld } from './world.js'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** A request opened by client A's user, with a public attachment and an internal note with its own file. */
async function aRequest(w: IsolationWorld) {
  const stored = await w.services.files.putBuffer(w.services.db.kysely, PNG, 'image/png')
  const file = { ...stored, mime: 'image/png', filename: 'screen.png' }
  const clientCtx = Ctx.forActor(w.services, toActor(w.a.user), { locale: 'en' })
  // Earlier cases of the same run may have added categories; then one must be chosen.
  const category = await w.services.db.kysely
    .selectFrom('support_categories')
    .select('id')
    .where('is_active', '=', 1)
    .executeTakeFirst()
  const r = await createRequest(
    clientCtx,
    { categoryId: category?.id ?? '', priority: 'normal', subject: 'A only', body: 'Secret of A' },
    [file],
  )
  const staffCtx = Ctx.forActor(w.services, toActor(w.a.manager), { locale: 'en' })
  await addMessage(staffCtx, r.id, { body: 'Internal of A', internal: true }, [{ ...file, filename: 'note.png' }])
  const attachments = await w.services.db.kysely
    .selectFrom('support_attachments')
    .select(['id', 'filename'])
    .where('request_id', '=', r.id)
    .execute()
  const request = await w.services.db.kysely
    .selectFrom('support_requests')
    .select(['id', 'version'])
    .where('id', '=', r.id)
    .executeTakeFirstOrThrow()
  return { request, publicFile: attachments.find((a) => a.filename === 'screen.png')?.id as string }
}

const request: IsolationCase = async (w) => ({ params: { id: (await aRequest(w)).request.id } })
const withBody =
  (body: (version: number) => Record<string, unknown>): IsolationCase =>
  async (w) => {
    const { request } = await aRequest(w)
    return { params: { id: request.id }, body: body(Number(request.version)) }
  }
const attachment: IsolationCase = async (w) => ({ params: { id: (await aRequest(w)).publicFile } })

/** A request category (global data) that only those who configure support may open. */
const category: IsolationCase = async (w) => {
  const id = await saveCategory(Ctx.system(w.services, 'isolation'), null, {
    name: 'Isolation',
    names: {},
    position: 0,
    active: true,
    targets: {},
  })
  return { params: { id }, body: { name: 'Isolation 2', position: '1', active: '1' } }
}

/** Id-taking routes of the support module and how to make client A's resource for each. */
export const supportCases: IsolationCases = {
  'GET /support/:id': request,
  'POST /support/:id/messages': withBody(() => ({ body: 'Hello' })),
  'POST /support/:id/status': withBody((version) => ({ to: 'closed', version: String(version) })),
  'POST /support/:id/assign': withBody((version) => ({ assignee_id: '', version: String(version) })),
  'POST /support/:id/rating': withBody(() => ({ rating: '5' })),
  'GET /support/attachments/:id': attachment,
  'GET /support/settings/categories/:id': category,
  'POST /support/settings/categories/:id': category,
  'GET /api/v1/support/requests/:id': request,
  'GET /api/v1/support/requests/:id/messages': request,
  'POST /api/v1/support/requests/:id/messages': withBody(() => ({ body: 'Hello' })),
  'POST /api/v1/support/requests/:id/status': withBody((version) => ({ to: 'closed', version })),
  'GET /api/v1/support/attachments/:id': attachment,
}
