import type { FieldErrors } from '../../../../core/errors.js'
import { Badge, Card, EmptyState } from '../../../../core/ui/components.js'
import { Field, Form, PostButton, SelectField } from '../../../../core/ui/forms.js'
import { Layout } from '../../../../core/ui/layout.js'
import type { PageContext } from '../../../../core/ui/page-context.js'

export interface CategoryRowView {
  id: string
  parentId: string | null
  name: string
  code: string | null
  archived: boolean
  path: string
}

export interface CategoryFormValues {
  name: string
  code: string
  parent_id: string
}

/**
 * A head-managed category list (expense tree of two levels, or flat income categories): the list
 * with edit and archive, and one form that creates or, with `?edit=<id>`, changes a category.
 */
export function CategoryPage(p: {
  pc: PageContext
  kind: 'expense' | 'income'
  path: string
  rows: CategoryRowView[]
  editing: CategoryRowView | null
  values: CategoryFormValues
  errors?: FieldErrors
}) {
  const { pc, kind } = p
  const title = pc.t(`expenses.${kind}_categories`)
  const parents = p.rows.filter((r) => r.parentId === null && r.id !== p.editing?.id && !r.archived)
  const action = p.editing ? `${p.path}/${encodeURIComponent(p.editing.id)}` : p.path
  return (
    <Layout pc={pc} title={title} width="wide">
      <p class="muted" safe>
        {pc.t(`expenses.${kind}_categories_hint`)}
      </p>
      <div class="table-block">
        {p.rows.length === 0 ? (
          <div class="empty-state">
            <EmptyState title={pc.t('expenses.categories_empty')} />
          </div>
        ) : (
          <div class="table-scroll">
            <table class="data-table">
              <caption class="visually-hidden" safe>
                {title}
              </caption>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {pc.t('expenses.category_name')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('expenses.category_code')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('expenses.status')}
                  </th>
                  <th scope="col" safe>
                    {pc.t('expenses.actions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr>
                    <th scope="row" class={r.parentId ? 'category-child' : undefined} safe>
                      {r.parentId ? `↳ ${r.name}` : r.name}
                    </th>
                    <td safe>{r.code ?? ''}</td>
                    <td>{r.archived ? <Badge tone="grey" label={pc.t('expenses.archived')} /> : ''}</td>
                    <td>
                      <a class="btn btn-small" href={`${p.path}?edit=${encodeURIComponent(r.id)}`} safe>
                        {pc.t('expenses.edit')}
                      </a>{' '}
                      <PostButton
                        pc={pc}
                        action={`${p.path}/${encodeURIComponent(r.id)}/archive`}
                        fields={{ archived: r.archived ? '0' : '1' }}
                        label={pc.t(r.archived ? 'expenses.restore' : 'expenses.archive')}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <Card
        title={p.editing ? pc.t('expenses.edit_category', { name: p.editing.name }) : pc.t('expenses.new_category')}
      >
        <Form
          pc={pc}
          action={action}
          errors={p.errors}
          submit={pc.t('expenses.save')}
          cancelHref={p.editing ? p.path : undefined}
        >
          <Field
            pc={pc}
            name="name"
            label={pc.t('expenses.category_name')}
            value={p.values.name}
            errors={p.errors}
            maxlength={100}
            required
          />
          <Field
            pc={pc}
            name="code"
            label={pc.t('expenses.category_code')}
            value={p.values.code}
            errors={p.errors}
            maxlength={30}
            help={pc.t('expenses.category_code_help')}
          />
          {kind === 'expense' ? (
            <SelectField
              pc={pc}
              name="parent_id"
              label={pc.t('expenses.parent')}
              value={p.values.parent_id}
              options={parents.map((r) => ({ value: r.id, label: r.name }))}
              emptyLabel={pc.t('expenses.top_level')}
              help={pc.t('expenses.parent_help')}
              errors={p.errors}
            />
          ) : (
            ''
          )}
        </Form>
      </Card>
    </Layout>
  )
}
