import type { FieldErrors } from '../../errors.js'
import type { ListQuery, Page } from '../../http/list-query.js'
import { Badge, Card, EmptyState } from '../../ui/components.js'
import { Field, Form, PostButton, SelectField } from '../../ui/forms.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../ui/table.js'
import { LOCALE_CHOICES } from '../users.constants.js'
import type { UserView } from '../users.service.js'
import { AreasField, LastLogin, StatusBadge, statusOptions } from './user-bits.js'
import { UserFacts } from './user-detail-page.js'

const href = (u: { id: string }) => `/company/users/${encodeURIComponent(u.id)}`

/** A client admin's list of the people of its own company. */
export function ColleagueListPage({ pc, lq, page }: { pc: PageContext; lq: ListQuery; page: Page<UserView> }) {
  const filtered = Boolean(lq.q || lq.params.status)
  const columns: Column<UserView>[] = [
    {
      key: 'name',
      label: pc.t('users.name'),
      sortable: true,
      render: (u) => (
        <>
          <a href={href(u)} safe>
            {u.name}
          </a>
          {u.id === pc.actor?.id ? (
            <>
              {' '}
              <Badge tone="neutral" label={pc.t('colleagues.you')} />
            </>
          ) : (
            ''
          )}
          {u.is_client_admin ? (
            <>
              {' '}
              <Badge tone="blue" label={pc.t('users.client_admin_short')} />
            </>
          ) : (
            ''
          )}
        </>
      ),
    },
    { key: 'email', label: pc.t('users.email'), sortable: true, render: (u) => <span safe>{u.email}</span> },
    {
      key: 'status',
      label: pc.t('users.status'),
      sortable: true,
      render: (u) => <StatusBadge pc={pc} status={u.status} />,
    },
    {
      key: 'last_login_at',
      label: pc.t('users.last_login'),
      sortable: true,
      render: (u) => <LastLogin pc={pc} at={u.last_login_at} />,
    },
  ]
  const invite = (
    <a class="btn btn-primary" href="/company/users/new" safe>
      {pc.t('colleagues.invite')}
    </a>
  )
  return (
    <Layout pc={pc} title={pc.t('colleagues.title')} actions={invite}>
      <p class="muted" safe>
        {pc.t('colleagues.intro')}
      </p>
      <FilterBar pc={pc} path="/company/users" target="colleagues-table">
        <SearchInput pc={pc} value={lq.q} label={pc.t('users.search')} />
        <FilterSelect
          name="status"
          label={pc.t('users.status')}
          value={lq.params.status ?? ''}
          options={statusOptions(pc)}
          allLabel={pc.t('users.all_statuses')}
        />
      </FilterBar>
      <DataTable
        pc={pc}
        id="colleagues-table"
        path="/company/users"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('colleagues.title')}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href="/company/users" safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState title={pc.t('colleagues.empty')} action={invite} />
          )
        }
      />
    </Layout>
  )
}

/** Inviting a colleague: only who it is; the role and the company are the inviter's own. */
export function InviteColleaguePage({
  pc,
  values,
  errors,
}: {
  pc: PageContext
  values: Record<string, string>
  errors?: FieldErrors
}) {
  return (
    <Layout
      pc={pc}
      title={pc.t('colleagues.invite')}
      crumbs={[{ label: pc.t('colleagues.title'), href: '/company/users' }, { label: pc.t('colleagues.invite') }]}
      width="narrow"
    >
      <Card>
        <p class="muted" safe>
          {pc.t('colleagues.invite_intro')}
        </p>
        <Form
          pc={pc}
          action="/company/users"
          submit={pc.t('colleagues.invite_submit')}
          errors={errors}
          cancelHref="/company/users"
        >
          <Field
            pc={pc}
            name="name"
            label={pc.t('users.name')}
            value={values.name}
            required
            maxlength={200}
            autocomplete="off"
            errors={errors}
          />
          <Field
            pc={pc}
            name="email"
            type="email"
            label={pc.t('users.email')}
            value={values.email}
            required
            maxlength={254}
            autocomplete="off"
            errors={errors}
          />
          <SelectField
            pc={pc}
            name="locale"
            label={pc.t('users.locale')}
            value={values.locale}
            options={[...LOCALE_CHOICES]}
            emptyLabel={pc.t('users.locale_default')}
            errors={errors}
          />
          <AreasField pc={pc} selected={values.areas ?? ''} help={pc.t('colleagues.areas_help')} />
        </Form>
      </Card>
    </Layout>
  )
}

/** One colleague: the facts and, for anyone but oneself, the open areas, disable/enable and a fresh invitation. */
export function ColleaguePage({
  pc,
  user,
  areas,
  errors,
}: {
  pc: PageContext
  user: UserView
  areas?: string
  errors?: FieldErrors
}) {
  const base = href(user)
  const self = user.id === pc.actor?.id
  return (
    <Layout
      pc={pc}
      title={user.name}
      crumbs={[{ label: pc.t('colleagues.title'), href: '/company/users' }, { label: user.name }]}
      width="narrow"
    >
      <Card title={pc.t('users.details')}>
        <UserFacts pc={pc} user={user} clientName={null} />
      </Card>
      {self ? (
        <p class="muted" safe>
          {pc.t('colleagues.self_note')}
        </p>
      ) : (
        <Card title={pc.t('colleagues.access')}>
          <Form pc={pc} action={base} submit={pc.t('form.save')} errors={errors}>
            <AreasField pc={pc} selected={areas ?? user.areas} help={pc.t('colleagues.areas_help')} />
          </Form>
        </Card>
      )}
      {self ? (
        ''
      ) : (
        <Card title={pc.t('users.actions')}>
          <div class="page-actions">
            {user.status === 'invited' ? (
              <PostButton
                pc={pc}
                action={`${base}/resend-invite`}
                label={pc.t('users.resend_invite')}
                confirm={pc.t('users.confirm_resend', { email: user.email })}
              />
            ) : (
              ''
            )}
            {user.status === 'disabled' ? (
              <PostButton
                pc={pc}
                action={`${base}/enable`}
                label={pc.t('users.enable')}
                confirm={pc.t('users.confirm_enable', { name: user.name })}
              />
            ) : (
              <PostButton
                pc={pc}
                action={`${base}/disable`}
                label={pc.t('users.disable')}
                confirm={pc.t('colleagues.confirm_disable', { name: user.name })}
                danger
              />
            )}
          </div>
        </Card>
      )}
    </Layout>
  )
}
