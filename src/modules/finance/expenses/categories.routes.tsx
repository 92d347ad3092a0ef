import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationError } from '../../../core/errors.js'
import { setFlash } from '../../../core/http/flash.js'
import { formData } from '../../../core/http/forms.js'
import { pageContext } from '../../../core/ui/page-context.js'
import {
  EXPENSES,
  listExpenseCategories,
  listIncomeCategories,
  saveExpenseCategory,
  saveIncomeCategory,
  setExpenseCategoryArchived,
  setIncomeCategoryArchived,
} from './expense-categories.service.js'
import { type CategoryFormValues, CategoryPage, type CategoryRowView } from './views/category-page.js'

const HEAD = { access: { permission: EXPENSES } } as const

interface Kind {
  kind: 'expense' | 'income'
  path: string
  list: (req: FastifyRequest) => Promise<CategoryRowView[]>
  save: (req: FastifyRequest, id: string | null, v: CategoryFormValues) => Promise<unknown>
  archive: (req: FastifyRequest, id: string, archived: boolean) => Promise<void>
}

const KINDS: Kind[] = [
  {
    kind: 'expense',
    path: '/finance/expense-categories',
    list: (req) => listExpenseCategories(req.ctx),
    save: (req, id, v) =>
      saveExpenseCategory(req.ctx, id, { name: v.name, code: v.code, parentId: v.parent_id || null }),
    archive: (req, id, a) => setExpenseCategoryArchived(req.ctx, id, a),
  },
  {
    kind: 'income',
    path: '/finance/income-categories',
    list: async (req) => (await listIncomeCategories(req.ctx)).map((c) => ({ ...c, parentId: null, path: c.name })),
    save: (req, id, v) => saveIncomeCategory(req.ctx, id, { name: v.name, code: v.code }),
    archive: (req, id, a) => setIncomeCategoryArchived(req.ctx, id, a),
  },
]

/** The head's category pages: /finance/expense-categories (a two-level tree) and /finance/income-categories (service types). */
export async function categoryPages(app: FastifyInstance) {
  for (const k of KINDS) {
    const local = k.path.replace('/finance', '')
    const render = async (
      req: FastifyRequest,
      reply: FastifyReply,
      editId: string | null,
      values?: CategoryFormValues,
      errors?: Record<string, string>,
    ) => {
      const rows = await k.list(req)
      const editing = editId ? (rows.find((r) => r.id === editId) ?? null) : null
      const start: CategoryFormValues = editing
        ? { name: editing.name, code: editing.code ?? '', parent_id: editing.parentId ?? '' }
        : { name: '', code: '', parent_id: '' }
      return reply
        .status(errors ? 422 : 200)
        .html(
          <CategoryPage
            pc={await pageContext(req, reply)}
            kind={k.kind}
            path={k.path}
            rows={rows}
            editing={editing}
            values={values ?? start}
            errors={errors}
          />,
        )
    }

    app.get(local, { config: HEAD }, async (req, reply) => {
      const edit = (req.query as Record<string, unknown>).edit
      return render(req, reply, typeof edit === 'string' ? edit : null)
    })

    const save = async (req: FastifyRequest, reply: FastifyReply, id: string | null) => {
      const f = formData(req.body)
      const values = { name: f.name ?? '', code: f.code ?? '', parent_id: f.parent_id ?? '' }
      try {
        await k.save(req, id, values)
      } catch (err) {
        if (err instanceof ValidationError) return render(req, reply, id, values, err.fields)
        throw err
      }
      setFlash(reply, 'success', req.t('expenses.category_saved'))
      return reply.redirect(k.path, 303)
    }

    app.post(local, { config: HEAD }, (req, reply) => save(req, reply, null))
    app.post(`${local}/:id`, { config: HEAD }, (req, reply) => save(req, reply, (req.params as { id: string }).id))
    app.post(`${local}/:id/archive`, { config: HEAD }, async (req, reply) => {
      const { id } = req.params as { id: string }
      const archived = formData(req.body).archived !== '0'
      await k.archive(req, id, archived)
      setFlash(reply, 'success', req.t(archived ? 'expenses.category_archived' : 'expenses.category_restored'))
      return reply.redirect(k.path, 303)
    })
  }
}
