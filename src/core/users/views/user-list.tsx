import type { ListQuery, Page } from '../../http/list-query.js'
import { Badge, EmptyState } from '../../ui/components.js'
import { Layout } from '../../ui/layout.js'
import type { PageContext } from '../../ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../ui/table.js'
import { ROLES } from '../users.constants.js'
import type { UserView } from '../users.service.js'
import { LastLogin, roleOptions, StatusBadge, statusOptions, TotpBadge } from './user-bits.js'

export interface UserListProps {
  pc: PageContext
  lq: ListQuery
  page: Page<UserView>
  clientNames: ReadonlyMap<string, string>
}

/** All users for staff with users.manage: search, role and status filters, sortable columns. */
export function UserListPage({ pc, lq, page, clientNames }: UserListProps) {
  const filtered = Boolean(lq.q || lq.params.role || lq.params.status)
  const columns: Column<UserView>[] = [
    {
      key: 'name',
      label: pc.t('users.name'),
      sortable: true,
      render: (u) => (
        <a href={`/users/${encodeURIComponent(u.id)}`} safe>
          {u.name}
        </a>
      ),
    },
    { key: 'email', label: pc.t('users.email'), sortable: true, render: (u) => <span safe>{u.email}</span> },
    {
      key: 'role',
      label: pc.t('users.role'),
      sortable: true,
      render: (u) => (
        <>
          <span safe>{pc.t(`role.${u.role}`)}</span>{' '}
          {u.role === 'client' && u.is_client_admin ? (
            <Badge tone="blue" label={pc.t('users.client_admin_short')} />
          ) : (
            ''
          )}
        </>
      ),
    },
    {
      key: 'client',
      label: pc.t('users.client'),
      render: (u) => (
        <span safe>
          {u.client_id ? (clientNames.get(u.client_id) ?? '') : u.all_clients ? pc.t('users.all_clients_short') : ''}
        </span>
      ),
    },
    {
      key: 'status',
      label: pc.t('users.status'),
      sortable: true,
      render: (u) => <StatusBadge pc={pc} status={u.status} />,
    },
    { key: 'totp', label: pc.t('users.totp_short'), render: (u) => <TotpBadge pc={pc} on={u.totp_enabled === 1} /> },
    {
      key: 'last_login_at',
      label: pc.t('users.last_login'),
      sortable: true,
      render: (u) => <LastLogin pc={pc} at={u.last_login_at} />,
    },
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('users.title')}
      width="wide"
      actions={
        <a class="btn btn-primary" href="/users/new" safe>
          {pc.t('users.new')}
        </a>
      }
    >
      <FilterBar pc={pc} path="/users" target="users-table">
        <SearchInput pc={pc} value={lq.q} label={pc.t('users.search')} />
        <FilterSelect
          name="role"
          label={pc.t('users.role')}
          value={lq.params.role ?? ''}
          options={roleOptions(pc, ROLES)}
          allLabel={pc.t('users.all_roles')}
        />
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
        id="users-table"
        path="/users"
        lq={lq}
        columns={columns}
        rows={page.rows}
        total={page.total}
        caption={pc.t('users.title')}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href="/users" safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState
              title={pc.t('users.empty')}
              action={
                <a class="btn btn-primary" href="/users/new" safe>
                  {pc.t('users.new')}
                </a>
              }
            />
          )
        }
      />
    </Layout>
  )
}
