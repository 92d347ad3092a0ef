import { formatDateTime, formatNumber } from '../../../core/i18n/format.js'
import { Card, Details } from '../../../core/ui/components.js'
import { PostButton } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ContactView } from '../contacts.schema.js'
import { DueBadge, personsText } from './contact-bits.js'

export interface ContactDetailPageProps {
  pc: PageContext
  entry: ContactView
  canEdit: boolean
  canDelete: boolean
  today: string
}

/** Text the user typed, its line breaks kept as paragraphs. */
const Paragraphs = ({ text }: { text: string }) => (
  <>
    {text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => (
        <p safe>{line}</p>
      ))}
  </>
)

function NextStepCard({ pc, entry, canEdit, today }: Omit<ContactDetailPageProps, 'canDelete'>) {
  if (!entry.next_step) return ''
  const done = entry.next_step_done_at !== null
  const href = `/contacts/${encodeURIComponent(entry.id)}/done`
  return (
    <Card
      title={pc.t('contacts.next_step')}
      actions={
        !done && canEdit ? (
          <PostButton
            pc={pc}
            action={href}
            label={pc.t('contacts.mark_done')}
            fields={{ back: `/contacts/${entry.id}` }}
          />
        ) : (
          ''
        )
      }
    >
      <Paragraphs text={entry.next_step} />
      <p>
        <DueBadge pc={pc} due={entry.next_step_due} today={today} done={done} />
      </p>
      {done ? (
        <p class="muted" safe>
          {pc.t('contacts.done_by', {
            name: entry.done_by_name ?? '—',
            at: formatDateTime(pc.locale, entry.next_step_done_at, pc.timeZone),
          })}
        </p>
      ) : (
        ''
      )}
    </Card>
  )
}

/** One contact log entry with its next step, and edit / delete for those allowed. */
export function ContactDetailPage({ pc, entry, canEdit, canDelete, today }: ContactDetailPageProps) {
  const id = encodeURIComponent(entry.id)
  const title = pc.t('contacts.detail_title', {
    channel: pc.t(`contacts.channel.${entry.channel}`),
    client: entry.client_name,
  })
  return (
    <Layout
      pc={pc}
      title={title}
      crumbs={[
        { label: pc.t('contacts.title'), href: '/contacts' },
        { label: entry.client_name, href: `/contacts?client=${encodeURIComponent(entry.client_id)}` },
      ]}
      actions={
        <>
          {canDelete ? (
            <PostButton
              pc={pc}
              action={`/contacts/${id}/delete`}
              label={pc.t('contacts.delete')}
              confirm={pc.t('contacts.delete_confirm')}
              danger
            />
          ) : (
            ''
          )}
          {canEdit ? (
            <a class="btn btn-primary" href={`/contacts/${id}/edit`} safe>
              {pc.t('contacts.edit')}
            </a>
          ) : (
            ''
          )}
        </>
      }
    >
      <Card>
        <Details
          rows={[
            [
              pc.t('contacts.client'),
              <a href={`/clients/${encodeURIComponent(entry.client_id)}`} safe>
                {entry.client_name}
              </a>,
            ],
            [pc.t('contacts.when'), <span safe>{formatDateTime(pc.locale, entry.occurred_at, pc.timeZone)}</span>],
            [pc.t('contacts.employee'), <span safe>{entry.employee_name}</span>],
            [pc.t('contacts.channel'), <span safe>{pc.t(`contacts.channel.${entry.channel}`)}</span>],
            [pc.t('contacts.direction'), <span safe>{pc.t(`contacts.direction.${entry.direction}`)}</span>],
            [
              pc.t('contacts.duration'),
              <span safe>
                {entry.duration_minutes === null
                  ? '—'
                  : pc.t('contacts.minutes', { n: formatNumber(pc.locale, entry.duration_minutes) })}
              </span>,
            ],
            [pc.t('contacts.persons'), <span safe>{personsText(entry.persons) || '—'}</span>],
            [
              pc.t('contacts.recorded'),
              <span safe>
                {pc.t('contacts.recorded_by', {
                  name: entry.created_by_name ?? '—',
                  at: formatDateTime(pc.locale, entry.created_at, pc.timeZone),
                })}
              </span>,
            ],
          ]}
        />
      </Card>
      <Card title={pc.t('contacts.summary')}>
        <Paragraphs text={entry.summary} />
      </Card>
      {entry.outcome ? (
        <Card title={pc.t('contacts.outcome')}>
          <Paragraphs text={entry.outcome} />
        </Card>
      ) : (
        ''
      )}
      <NextStepCard pc={pc} entry={entry} canEdit={canEdit} today={today} />
    </Layout>
  )
}
