import type { FieldErrors } from '../../../core/errors.js'
import { formatDateTime } from '../../../core/i18n/format.js'
import { Badge, Card, Details, EmptyState } from '../../../core/ui/components.js'
import { CheckboxField, Csrf, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { BODY_MAX, RATING_COMMENT_MAX, type RequestStatus } from '../support.constants.js'
import type { RequestView, slaState } from '../support.service.js'
import type { ThreadItem } from '../support-thread.service.js'
import { AttachmentsField } from './request-form.js'
import { DueCell, durationText, PriorityBadge, StatusBadge, sizeText } from './support-bits.js'

export interface ReplyValues {
  body: string
  internal: boolean
  nextStatus: string
}

export interface RequestDetailProps {
  pc: PageContext
  request: RequestView
  sla: ReturnType<typeof slaState>
  thread: ThreadItem[]
  /** The linked item's number (or id) when the request is about one. */
  linkLabel: string | null
  staff: boolean
  canReply: boolean
  /** Why a client cannot reply (the reopen window has passed), or null. */
  replyClosedReason: string | null
  moves: RequestStatus[]
  assignees: { id: string; name: string }[] | null
  maxBytes: number
  reply: ReplyValues
  replyErrors?: FieldErrors
  ratingErrors?: FieldErrors
  filesDropped?: boolean
}

const MOVE_LABEL = (from: RequestStatus, to: RequestStatus) =>
  to === 'open' && (from === 'resolved' || from === 'closed') ? 'support.action.reopen' : `support.action.${to}`

function ThreadList({ pc, items, staff }: { pc: PageContext; items: ThreadItem[]; staff: boolean }) {
  if (items.length === 0) return <EmptyState title={pc.t('support.thread_empty')} />
  return (
    <ol class="timeline thread">
      {items.map((i) => {
        const when = formatDateTime(pc.locale, i.at, pc.timeZone)
        if (i.kind === 'status') {
          return (
            <li class="thread-status">
              <p class="timeline-meta" safe>
                {`${when} · ${i.authorName ?? pc.t('support.by_system')} · ${pc.t(`support.status.${i.from}`)} → ${pc.t(
                  `support.status.${i.to}`,
                )}`}
              </p>
            </li>
          )
        }
        // body_html was rendered from Markdown by markdown.ts (html: false, safe links only) when the
        // message was stored: trusted output, inserted as it is.
        const safeBodyHtml = i.bodyHtml
        return (
          <li class={i.internal ? 'internal' : i.fromClient ? 'from-client' : undefined} id={`m-${i.id}`}>
            <p class="timeline-meta">
              <span safe>{when}</span> · <span safe>{i.authorName ?? '—'}</span>
              {staff && i.fromClient ? (
                <>
                  {' '}
                  <Badge tone="neutral" label={pc.t('support.from_client')} />
                </>
              ) : (
                ''
              )}
              {i.internal ? (
                <>
                  {' '}
                  <Badge tone="amber" label={pc.t('support.internal_note')} />
                </>
              ) : (
                ''
              )}
            </p>
            <div class="markdown">{safeBodyHtml}</div>
            {i.attachments.length ? (
              <ul class="plain-list attachments">
                {i.attachments.map((a) => (
                  <li>
                    <a href={`/support/attachments/${encodeURIComponent(a.id)}`} safe>
                      {a.filename}
                    </a>{' '}
                    <span class="muted" safe>
                      {sizeText(pc, a.size)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              ''
            )}
          </li>
        )
      })}
    </ol>
  )
}

function ReplyForm(p: RequestDetailProps) {
  const { pc, request: r } = p
  if (!p.canReply) {
    return p.replyClosedReason ? (
      <p class="muted" safe>
        {p.replyClosedReason}
      </p>
    ) : (
      ''
    )
  }
  return (
    <Form
      pc={pc}
      action={`/support/${encodeURIComponent(r.id)}/messages`}
      multipart
      errors={p.replyErrors}
      submit={pc.t(p.staff ? 'support.send' : 'support.send_reply')}
    >
      {p.filesDropped ? (
        <p class="banner banner-info" safe>
          {pc.t('support.files_again')}
        </p>
      ) : (
        ''
      )}
      <TextArea
        pc={pc}
        name="body"
        label={pc.t('support.reply')}
        value={p.reply.body}
        errors={p.replyErrors}
        rows={6}
        maxlength={BODY_MAX}
        help={pc.t('support.markdown_help')}
        required
      />
      <AttachmentsField pc={pc} errors={p.replyErrors} maxBytes={p.maxBytes} />
      {p.staff ? (
        <>
          <CheckboxField
            name="internal"
            label={pc.t('support.internal_checkbox')}
            help={pc.t('support.internal_help')}
            checked={p.reply.internal}
          />
          <SelectField
            pc={pc}
            name="next_status"
            label={pc.t('support.then')}
            value={p.reply.nextStatus}
            options={[
              { value: 'waiting', label: pc.t('support.then_waiting') },
              { value: 'resolved', label: pc.t('support.then_resolved') },
            ]}
            emptyLabel={pc.t('support.then_keep')}
            errors={p.replyErrors}
            help={pc.t('support.then_help')}
          />
        </>
      ) : (
        ''
      )}
    </Form>
  )
}

function Actions(p: RequestDetailProps) {
  const { pc, request: r } = p
  return (
    <>
      {p.moves.length ? (
        <Card title={pc.t('support.change_status')}>
          <div class="row-actions">
            {p.moves.map((to) => (
              <form
                method="post"
                action={`/support/${encodeURIComponent(r.id)}/status`}
                class="inline-form"
                data-confirm={to === 'closed' ? pc.t('support.confirm_close') : undefined}
              >
                <Csrf pc={pc} />
                <input type="hidden" name="to" value={to} />
                <input type="hidden" name="version" value={String(r.version)} />
                <button type="submit" class={to === 'closed' ? 'btn btn-danger' : 'btn'} safe>
                  {pc.t(MOVE_LABEL(r.status, to))}
                </button>
              </form>
            ))}
          </div>
        </Card>
      ) : (
        ''
      )}
      {p.assignees ? (
        <Card title={pc.t('support.assignment')}>
          <form method="post" action={`/support/${encodeURIComponent(r.id)}/assign`} class="form">
            <Csrf pc={pc} />
            <input type="hidden" name="version" value={String(r.version)} />
            <SelectField
              pc={pc}
              name="assignee_id"
              label={pc.t('support.assignee')}
              value={r.assigneeId ?? ''}
              options={p.assignees.map((u) => ({ value: u.id, label: u.name }))}
              emptyLabel={pc.t('support.unassigned')}
            />
            <div class="form-actions">
              <button type="submit" class="btn" safe>
                {pc.t('support.assign')}
              </button>
            </div>
          </form>
        </Card>
      ) : (
        ''
      )}
      {!p.staff && (r.status === 'resolved' || r.status === 'closed') ? <RatingCard {...p} /> : ''}
    </>
  )
}

function RatingCard(p: RequestDetailProps) {
  const { pc, request: r } = p
  const error = p.ratingErrors?.rating
  return (
    <Card title={pc.t('support.rating_title')}>
      <form method="post" action={`/support/${encodeURIComponent(r.id)}/rating`} class="form">
        <Csrf pc={pc} />
        <fieldset class={error ? 'field has-error' : 'field'}>
          <legend safe>{pc.t('support.rating_question')}</legend>
          <div class="row-actions">
            {[1, 2, 3, 4, 5].map((n) => (
              <label class="field-check">
                <input type="radio" name="rating" value={String(n)} checked={r.rating === n} required />{' '}
                <span safe>{pc.t('support.stars', { n })}</span>
              </label>
            ))}
          </div>
          {error ? (
            <p class="field-error" safe>
              {pc.t(error)}
            </p>
          ) : (
            ''
          )}
        </fieldset>
        <TextArea
          pc={pc}
          name="rating_comment"
          label={pc.t('support.rating_comment')}
          value={r.ratingComment ?? ''}
          errors={p.ratingErrors}
          rows={3}
          maxlength={RATING_COMMENT_MAX}
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" safe>
            {pc.t(r.rating ? 'support.rating_change' : 'support.rating_send')}
          </button>
        </div>
      </form>
    </Card>
  )
}

/** One request: its facts and SLA standing, the thread, the reply form and what the caller may do. */
export function RequestDetailPage(p: RequestDetailProps) {
  const { pc, request: r, sla } = p
  const rows: [string, JSX.Element][] = [
    [pc.t('support.status'), <StatusBadge pc={pc} status={r.status} />],
    [pc.t('support.priority'), <PriorityBadge pc={pc} priority={r.priority} />],
    [pc.t('support.category'), <span safe>{r.categoryName || '—'}</span>],
    [
      pc.t('support.opened'),
      <span safe>{`${formatDateTime(pc.locale, r.createdAt, pc.timeZone)} · ${r.creatorName ?? '—'}`}</span>,
    ],
    [pc.t('support.assignee'), <span safe>{r.assigneeName ?? pc.t('support.unassigned')}</span>],
  ]
  if (p.staff) {
    rows.unshift([
      pc.t('support.client'),
      <a href={`/clients/${encodeURIComponent(r.clientId)}`} safe>
        {r.clientName}
      </a>,
    ])
    rows.push(
      [
        pc.t('support.first_response_due'),
        <DueCell pc={pc} due={r.firstResponseDueAt} outcome={sla.response} done={r.firstRespondedAt !== null} />,
      ],
      [
        pc.t('support.resolution_due'),
        <DueCell pc={pc} due={r.resolutionDueAt} outcome={sla.resolution} done={r.resolvedAt !== null} />,
      ],
      [pc.t('support.first_response_time'), <span safe>{durationText(pc, r.firstResponseMinutes)}</span>],
      [pc.t('support.resolution_time'), <span safe>{durationText(pc, r.resolutionMinutes)}</span>],
    )
  }
  if (r.link)
    rows.push([
      pc.t('support.linked'),
      <span safe>{`${pc.t(`support.link.${r.link.kind}`)} ${p.linkLabel ?? r.link.id}`}</span>,
    ])
  if (r.rating) {
    rows.push([
      pc.t('support.rating'),
      <span safe>{`${pc.t('support.stars', { n: r.rating })}${r.ratingComment ? ` · ${r.ratingComment}` : ''}`}</span>,
    ])
  }
  return (
    <Layout
      pc={pc}
      title={`${r.number} · ${r.subject}`}
      crumbs={[
        { label: pc.t(p.staff ? 'support.title' : 'support.my_title'), href: p.staff ? '/support' : '/support/mine' },
        { label: r.number },
      ]}
    >
      <Card
        title={r.subject}
        actions={sla.overdue ? <Badge tone="red" label={pc.t('support.sla.overdue')} /> : undefined}
      >
        <Details rows={rows} />
      </Card>
      <div class="grid-2">
        <div>
          <Card title={pc.t('support.thread')}>
            <ThreadList pc={pc} items={p.thread} staff={p.staff} />
          </Card>
          <Card title={pc.t(p.staff ? 'support.reply_or_note' : 'support.reply')}>
            <ReplyForm {...p} />
          </Card>
        </div>
        <div>
          <Actions {...p} />
        </div>
      </div>
    </Layout>
  )
}
