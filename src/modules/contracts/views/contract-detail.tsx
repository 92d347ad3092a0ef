import type { FieldErrors } from '../../../core/errors.js'
import { formatDate, formatDateTime, formatNumber } from '../../../core/i18n/format.js'
import { Card, Details, EmptyState, Timeline } from '../../../core/ui/components.js'
import { Csrf, Form } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { StatusHistoryItem } from '../contract-status.service.js'
import { type ContractStatus, FINAL_STATUSES } from '../contracts.constants.js'
import type { ContractView } from '../contracts.service.js'
import { amountText, EndingBadge, parameterDisplay, StatusBadge, validityText } from './contract-bits.js'

export interface ContractDetailProps {
  pc: PageContext
  contract: ContractView
  history: StatusHistoryItem[]
  /** Statuses the contract may move to today. */
  allowed: ContractStatus[]
  editable: boolean
  canManage: boolean
  today: string
  createdByName: string | null
  scanMaxBytes: number
  scanErrors?: FieldErrors
}

const actionKey = (from: ContractStatus, to: ContractStatus) =>
  from === 'suspended' && to === 'active' ? 'contracts.action.resume' : `contracts.action.${to}`

function StatusActions({
  pc,
  contract,
  allowed,
}: {
  pc: PageContext
  contract: ContractView
  allowed: ContractStatus[]
}) {
  if (allowed.length === 0) {
    return (
      <p class="muted" safe>
        {pc.t(FINAL_STATUSES.includes(contract.status) ? 'contracts.final_status' : 'contracts.no_transitions')}
      </p>
    )
  }
  return (
    <>
      {allowed.map((to) => {
        const label = pc.t(actionKey(contract.status, to))
        const id = `comment-${to}`
        return (
          <form
            method="post"
            action={`/contracts/${encodeURIComponent(contract.id)}/status`}
            class="form-actions status-action"
            data-confirm={
              FINAL_STATUSES.includes(to)
                ? pc.t('contracts.confirm_final', { status: pc.t(`contracts.status.${to}`) })
                : undefined
            }
          >
            <Csrf pc={pc} />
            <input type="hidden" name="to" value={to} />
            <input type="hidden" name="version" value={String(contract.version)} />
            <label class="visually-hidden" for={id} safe>
              {pc.t('contracts.comment_optional')}
            </label>
            <input
              id={id}
              name="comment"
              type="text"
              maxlength="1000"
              placeholder={pc.t('contracts.comment_optional')}
            />
            <button type="submit" class={FINAL_STATUSES.includes(to) ? 'btn btn-danger' : 'btn'} safe>
              {label}
            </button>
          </form>
        )
      })}
    </>
  )
}

function ScanCard(p: ContractDetailProps) {
  const { pc, contract } = p
  const error = p.scanErrors?.scan
  const href = `/contracts/${encodeURIComponent(contract.id)}/scan`
  return (
    <Card title={pc.t('contracts.scan')}>
      {contract.scanSha256 ? (
        <p>
          <a class="btn" href={href} safe>
            {pc.t('contracts.scan_download')}
          </a>
        </p>
      ) : (
        <p class="muted" safe>
          {pc.t('contracts.scan_none')}
        </p>
      )}
      {p.canManage ? (
        <Form
          pc={pc}
          action={href}
          multipart
          submit={pc.t(contract.scanSha256 ? 'contracts.scan_replace' : 'contracts.scan_upload')}
          errors={error ? { scan: error } : undefined}
        >
          <div class={error ? 'field has-error' : 'field'}>
            <label for="f-scan" safe>
              {pc.t('contracts.scan_file')}
            </label>
            <input
              id="f-scan"
              name="scan"
              type="file"
              accept="application/pdf,.pdf"
              required
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'f-scan-help f-scan-error' : 'f-scan-help'}
            />
            <p class="help" id="f-scan-help" safe>
              {pc.t('contracts.scan_help', { mb: formatNumber(pc.locale, Math.floor(p.scanMaxBytes / (1024 * 1024))) })}
            </p>
            {error ? (
              <p class="field-error" id="f-scan-error" safe>
                {pc.t(error)}
              </p>
            ) : (
              ''
            )}
          </div>
        </Form>
      ) : (
        ''
      )}
    </Card>
  )
}

/** One contract for staff: its terms and parameters, status with the allowed changes, scan, history. */
export function ContractDetailPage(p: ContractDetailProps) {
  const { pc, contract: c } = p
  const history = p.history
    .slice()
    .reverse()
    .map((h) => ({
      at: formatDateTime(pc.locale, h.at, pc.timeZone),
      who: h.bySystem ? pc.t('contracts.by_system') : (h.by ?? '—'),
      text:
        (h.from === null
          ? pc.t('contracts.history_created', { status: pc.t(`contracts.status.${h.to}`) })
          : `${pc.t(`contracts.status.${h.from}`)} → ${pc.t(`contracts.status.${h.to}`)}`) +
        (h.comment ? ` · ${h.comment}` : ''),
      internal: h.from === null,
      internalLabel: pc.t('contracts.internal'),
    }))
  return (
    <Layout
      pc={pc}
      title={pc.t('contracts.contract_title', { number: c.number })}
      crumbs={[{ label: pc.t('contracts.title'), href: '/contracts' }, { label: c.number }]}
      actions={
        p.editable && p.canManage ? (
          <a class="btn btn-primary" href={`/contracts/${encodeURIComponent(c.id)}/edit`} safe>
            {pc.t('contracts.edit')}
          </a>
        ) : (
          ''
        )
      }
    >
      <Card
        title={c.subject}
        actions={
          <span>
            <StatusBadge pc={pc} status={c.status} />{' '}
            <EndingBadge pc={pc} status={c.status} validTo={c.validTo} today={p.today} />
          </span>
        }
      >
        <Details
          rows={[
            [
              pc.t('contracts.client'),
              <a href={`/clients/${encodeURIComponent(c.clientId)}`} safe>
                {c.clientName}
              </a>,
            ],
            [pc.t('contracts.number'), <span safe>{c.number}</span>],
            [pc.t('contracts.type'), <span safe>{pc.t(`contracts.type.${c.type}`)}</span>],
            [pc.t('contracts.signed_on'), <span safe>{formatDate(pc.locale, c.signedOn)}</span>],
            [pc.t('contracts.validity'), <span safe>{validityText(pc, c.validFrom, c.validTo)}</span>],
            [
              pc.t('contracts.amount'),
              <span class="num" safe>
                {amountText(pc, c.amount)}
              </span>,
            ],
            [pc.t('contracts.issuer'), <span safe>{c.issuer ?? '—'}</span>],
            [
              pc.t('contracts.created'),
              <span
                safe
              >{`${formatDateTime(pc.locale, c.createdAt, pc.timeZone)}${p.createdByName ? ` · ${p.createdByName}` : ''}`}</span>,
            ],
          ]}
        />
      </Card>
      <div class="grid-2">
        <div>
          <Card title={pc.t('contracts.parameters')}>
            {c.parameters.length === 0 ? (
              <p class="muted" safe>
                {pc.t('contracts.no_parameters')}
              </p>
            ) : (
              <div class="table-scroll">
                <table class="data-table">
                  <caption class="visually-hidden" safe>
                    {pc.t('contracts.parameters')}
                  </caption>
                  <tbody>
                    {c.parameters.map((param) => (
                      <tr>
                        <th scope="row" safe>
                          {param.key}
                        </th>
                        <td class={param.type === 'money' || param.type === 'number' ? 'num' : undefined} safe>
                          {parameterDisplay(pc, param)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          {c.notes ? (
            <Card title={pc.t('contracts.notes')}>
              {c.notes.split(/\r?\n/).map((line) => (
                <p safe>{line}</p>
              ))}
            </Card>
          ) : (
            ''
          )}
          <ScanCard {...p} />
        </div>
        <div>
          {p.canManage ? (
            <Card title={pc.t('contracts.change_status')}>
              <StatusActions pc={pc} contract={c} allowed={p.allowed} />
            </Card>
          ) : (
            ''
          )}
          <Card title={pc.t('contracts.history')}>
            {history.length ? <Timeline items={history} /> : <EmptyState title={pc.t('contracts.no_history')} />}
          </Card>
        </div>
      </div>
    </Layout>
  )
}
