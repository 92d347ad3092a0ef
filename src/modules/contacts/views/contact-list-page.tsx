import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDateTime } from '../../../core/i18n/format.js'
import { EmptyState } from '../../../core/ui/components.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, listHref } from '../../../core/ui/table.js'
import type { ContactView } from '../contacts.schema.js'
import { channelOptions, channelText, DueBadge, personsText } from './contact-bits.js'

export interface ContactListPageProps {
  pc: PageContext
  lq: ListQuery
  page: Page<ContactView>
  /** Set on a client's own list (`/contacts?client=…`). */
  client?: { id: string; name: string }
  clients: { id: string; name: string }[]
  employees: { id: string; name: string }[]
  today: string
  canRecord: boolean
}

const SUMMARY_CHARS = 160
const short = (text: string) => (text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text)

function DateFilter(p: { name: string; label: string; value: string }) {
  return (
    <label class="filter-select">
      <span safe>{p.label}</span> <input type="date" name={p.name} value={p.value} />
    </label>
  )
}

function columns(pc: PageContext, today: string, perClient: boolean): Column<ContactView>[] {
  const all: (Column<ContactView> | null)[] = [
    {
      key: 'occurred_at',
      label: pc.t('contacts.when'),
      sortable: true,
      render: (c) => (
        <a href={`/contacts/${encodeURIComponent(c.id)}`} safe>
          {formatDateTime(pc.locale, c.occurred_at, pc.timeZone)}
        </a>
      ),
    },
    perClient
      ? null
      : {
          key: 'client',
          label: pc.t('contacts.client'),
          sortable: true,
          render: (c) => (
            <a href={`/contacts?client=${encodeURIComponent(c.client_id)}`} safe>
              {c.client_name}
            </a>
          ),
        },
    {
      key: 'employee',
      label: pc.t('contacts.employee'),
      sortable: true,
      render: (c) => <span safe>{c.employee_name}</span>,
    },
    {
      key: 'channel',
      label: pc.t('contacts.channel'),
      sortable: true,
      render: (c) => <span safe>{channelText(pc, c.channel, c.direction)}</span>,
    },
    {
      key: 'summary',
      label: pc.t('contacts.summary'),
      render: (c) => (
        <>
          <span safe>{short(c.summary)}</span>
          {c.persons.length > 0 ? (
            <p class="help" safe>
              {personsText(c.persons)}
            </p>
          ) : (
            ''
          )}
        </>
      ),
    },
    {
      key: 'next_step_due',
      label: pc.t('contacts.next_step'),
      sortable: true,
      render: (c) =>
        c.next_step ? (
          <>
            <span safe>{short(c.next_step)}</span>{' '}
            <DueBadge pc={pc} due={c.next_step_due} today={today} done={c.next_step_done_at !== null} />
          </>
        ) : (
          ''
        ),
    },
  ]
  return all.filter((c): c is Column<ContactView> => c !== null)
}

/** The contact log: an employee's (or, for the head, everybody's) entries, or one client's. */
export function ContactListPage(p: ContactListPageProps) {
  const { pc, lq } = p
  const filtered = Boolean(lq.params.employee || lq.params.channel || lq.params.from || lq.params.to || lq.params.open)
  const newHref = p.client ? `/contacts/new?client=${encodeURIComponent(p.client.id)}` : '/contacts/new'
  const clearHref = p.client ? `/contacts?client=${encodeURIComponent(p.client.id)}` : '/contacts'
  const recordButton = p.canRecord ? (
    <a class="btn btn-primary" href={newHref} safe>
      {pc.t('contacts.new')}
    </a>
  ) : (
    ''
  )
  return (
    <Layout
      pc={pc}
      title={p.client ? pc.t('contacts.client_title', { client: p.client.name }) : pc.t('contacts.title')}
      width="wide"
      crumbs={
        p.client
          ? [
              { label: pc.t('contacts.title'), href: '/contacts' },
              { label: p.client.name, href: `/clients/${encodeURIComponent(p.client.id)}` },
            ]
          : undefined
      }
      actions={
        <>
          <a class="btn" href={listHref('/contacts/export.csv', lq, {})} safe>
            {pc.t('contacts.export_csv')}
          </a>
          {recordButton}
        </>
      }
    >
      <FilterBar pc={pc} path="/contacts" target="contacts-table">
        {p.client ? <input type="hidden" name="client" value={p.client.id} /> : ''}
        <FilterSelect
          name="employee"
          label={pc.t('contacts.employee')}
          value={lq.params.employee ?? ''}
          options={p.employees.map((e) => ({
            value: e.id,
            label: e.id === pc.actor?.id ? pc.t('contacts.me', { name: e.name }) : e.name,
          }))}
          allLabel={pc.t('contacts.all_employees')}
        />
        {p.client ? (
          ''
        ) : (
          <FilterSelect
            name="client"
            label={pc.t('contacts.client')}
            value={lq.params.client ?? ''}
            options={p.clients.map((c) => ({ value: c.id, label: c.name }))}
            allLabel={pc.t('contacts.all_clients')}
          />
        )}
        <FilterSelect
          name="channel"
          label={pc.t('contacts.channel')}
          value={lq.params.channel ?? ''}
          options={channelOptions(pc)}
          allLabel={pc.t('contacts.all_channels')}
        />
        <DateFilter name="from" label={pc.t('contacts.from')} value={lq.params.from ?? ''} />
        <DateFilter name="to" label={pc.t('contacts.to')} value={lq.params.to ?? ''} />
        <label class="filter-check">
          <input type="checkbox" name="open" value="1" checked={lq.params.open === '1'} />{' '}
          <span safe>{pc.t('contacts.open_only')}</span>
        </label>
      </FilterBar>
      <DataTable
        pc={pc}
        id="contacts-table"
        path="/contacts"
        lq={lq}
        columns={columns(pc, p.today, Boolean(p.client))}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('contacts.title')}
        empty={
          filtered ? (
            <EmptyState
              title={pc.t('list.no_results')}
              hint={pc.t('list.clear_filters')}
              action={
                <a class="btn" href={clearHref} safe>
                  {pc.t('list.all')}
                </a>
              }
            />
          ) : (
            <EmptyState title={pc.t('contacts.empty')} hint={pc.t('contacts.empty_hint')} action={recordButton} />
          )
        }
      />
    </Layout>
  )
}
