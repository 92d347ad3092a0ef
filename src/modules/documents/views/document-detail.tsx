import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../../core/i18n/format.js'
import { Card, Details, EmptyState } from '../../../core/ui/components.js'
import { Field, Form, PostButton, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { DOCUMENT_KINDS } from '../documents.constants.js'
import type { AccessView, DocumentView } from '../documents.service.js'
import { DocumentStateBadge, docHref } from './document-list.js'

/** One document: what it is and what it is linked to, the PDF, and for staff sending and who read it. */
export function DocumentDetailPage(p: {
  pc: PageContext
  doc: DocumentView
  staff: boolean
  canManage: boolean
  access: AccessView[]
  issuerName: string | null
}) {
  const { pc, doc } = p
  const yesNo = (b: boolean) => pc.t(b ? 'documents.yes' : 'documents.no')
  const rows: [string, JSX.Element][] = [
    [pc.t('documents.kind'), <span safe>{pc.t(`documents.kind.${doc.kind}`)}</span>],
    [pc.t('documents.date'), <span safe>{formatDate(pc.locale, doc.date)}</span>],
    [pc.t('documents.client'), <span safe>{doc.clientName}</span>],
  ]
  if (doc.title) rows.push([pc.t('documents.title_field'), <span safe>{doc.title}</span>])
  if (doc.totalMinor !== null && doc.currency)
    rows.push([pc.t('documents.total'), <span safe>{formatMoney(pc.locale, doc.totalMinor, doc.currency)}</span>])
  rows.push([pc.t('documents.origin'), <span safe>{pc.t(`documents.origin.${doc.origin}`)}</span>])
  if (p.issuerName) rows.push([pc.t('documents.issuer'), <span safe>{p.issuerName}</span>])
  rows.push([
    pc.t('documents.signed'),
    <span safe>{`${yesNo(doc.isSigned)}${doc.isCopy ? ` · ${pc.t('documents.copy')}` : ''}`}</span>,
  ])
  if (doc.invoiceId && p.staff)
    rows.push([
      pc.t('documents.link_invoice'),
      <a href={`/finance/invoices/${encodeURIComponent(doc.invoiceId)}`} safe>
        {pc.t('documents.open')}
      </a>,
    ])
  if (doc.orderId && p.staff)
    rows.push([
      pc.t('documents.link_order'),
      <a href={`/orders/${encodeURIComponent(doc.orderId)}`} safe>
        {pc.t('documents.open')}
      </a>,
    ])
  if (doc.contractId && p.staff)
    rows.push([
      pc.t('documents.link_contract'),
      <a href={`/contracts/${encodeURIComponent(doc.contractId)}`} safe>
        {pc.t('documents.open')}
      </a>,
    ])
  if (p.staff) {
    rows.push([pc.t('documents.state'), <DocumentStateBadge pc={pc} doc={doc} />])
    rows.push([
      pc.t('documents.sent_at'),
      <span safe>{formatDateTime(pc.locale, doc.sentAt, pc.timeZone) || '—'}</span>,
    ])
    const firstViewed = doc.firstViewedAt
      ? `${formatDateTime(pc.locale, doc.firstViewedAt, pc.timeZone)} · ${doc.firstViewedByName ?? ''}`
      : '—'
    rows.push([pc.t('documents.first_viewed'), <span safe>{firstViewed}</span>])
  }
  return (
    <Layout
      pc={pc}
      title={`${pc.t(`documents.kind.${doc.kind}`)} ${doc.number}`}
      crumbs={[{ label: p.staff ? pc.t('documents.title_staff') : pc.t('documents.title_mine'), href: '/documents' }]}
      actions={
        <div class="actions">
          <a class="btn btn-primary" href={`${docHref(doc)}/pdf`} safe>
            {pc.t('documents.download_pdf', {
              size: formatNumber(pc.locale, Math.max(1, Math.round(doc.size / 1024))),
            })}
          </a>
          {p.canManage ? (
            <PostButton
              pc={pc}
              action={`${docHref(doc)}/send`}
              label={doc.sentAt ? pc.t('documents.send_again') : pc.t('documents.send')}
              confirm={pc.t('documents.send_confirm', { client: doc.clientName })}
            />
          ) : (
            ''
          )}
        </div>
      }
    >
      <Card>
        <Details rows={rows} />
      </Card>
      {p.staff ? (
        <Card title={pc.t('documents.access_title')}>
          {p.access.length === 0 ? (
            <EmptyState title={pc.t('documents.access_empty')} />
          ) : (
            <div class="table-scroll">
              <table class="data-table">
                <caption class="visually-hidden" safe>
                  {pc.t('documents.access_title')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" safe>
                      {pc.t('documents.access_at')}
                    </th>
                    <th scope="col" safe>
                      {pc.t('documents.access_who')}
                    </th>
                    <th scope="col" safe>
                      {pc.t('documents.access_action')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.access.map((a) => (
                    <tr>
                      <td safe>{formatDateTime(pc.locale, a.at, pc.timeZone)}</td>
                      <td safe>{`${a.userName} <${a.userEmail}>`}</td>
                      <td safe>{pc.t(`documents.access.${a.action}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      ) : (
        ''
      )}
    </Layout>
  )
}

export interface UploadFormValues {
  clientId: string
  kind: string
  number: string
  date: string
  title: string
  total: string
  currency: string
  language: string
  orderId: string
  contractId: string
  invoiceId: string
}

type Option = { value: string; label: string }

/** Upload of a PDF for a client: what it is, optional links to the client's order, contract, payment request. */
export function UploadPage(p: {
  pc: PageContext
  values: UploadFormValues
  errors?: Record<string, string>
  clients: Option[]
  orders: Option[] | null
  contracts: Option[] | null
  invoices: Option[]
  languages: Option[]
  maxMb: number
}) {
  const { pc, values: v, errors } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('documents.upload')}
      width="narrow"
      crumbs={[{ label: pc.t('documents.title_staff'), href: '/documents' }]}
    >
      <form method="get" action="/documents/new" class="form">
        <SelectField
          pc={pc}
          name="client"
          idPrefix="pick-"
          label={pc.t('documents.client')}
          value={v.clientId}
          options={p.clients}
          emptyLabel={pc.t('documents.choose_client')}
        />
        <button type="submit" class="btn" safe>
          {pc.t('documents.load_links')}
        </button>
      </form>
      <Form
        pc={pc}
        action="/documents"
        multipart
        errors={errors}
        submit={pc.t('documents.upload_submit')}
        cancelHref="/documents"
      >
        <input type="hidden" name="client_id" value={v.clientId} />
        {errors?.client_id ? (
          <p class="field-error" id="f-client_id" safe>
            {pc.t(errors.client_id)}
          </p>
        ) : (
          ''
        )}
        <SelectField
          pc={pc}
          name="kind"
          label={pc.t('documents.kind')}
          value={v.kind}
          errors={errors}
          required
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: pc.t(`documents.kind.${k}`) }))}
        />
        <Field
          pc={pc}
          name="number"
          label={pc.t('documents.number')}
          value={v.number}
          errors={errors}
          required
          maxlength={60}
        />
        <Field pc={pc} name="date" type="date" label={pc.t('documents.date')} value={v.date} errors={errors} required />
        <Field
          pc={pc}
          name="title"
          label={pc.t('documents.title_field')}
          value={v.title}
          errors={errors}
          maxlength={200}
        />
        <Field
          pc={pc}
          name="total"
          label={pc.t('documents.total')}
          value={v.total}
          errors={errors}
          inputmode="decimal"
        />
        <Field
          pc={pc}
          name="currency"
          label={pc.t('documents.currency')}
          value={v.currency}
          errors={errors}
          maxlength={3}
        />
        <SelectField
          pc={pc}
          name="language"
          label={pc.t('documents.language')}
          value={v.language}
          errors={errors}
          options={p.languages}
        />
        {p.orders ? (
          <SelectField
            pc={pc}
            name="order_id"
            label={pc.t('documents.link_order')}
            value={v.orderId}
            errors={errors}
            options={p.orders}
            emptyLabel={pc.t('documents.none')}
          />
        ) : (
          ''
        )}
        {p.contracts ? (
          <SelectField
            pc={pc}
            name="contract_id"
            label={pc.t('documents.link_contract')}
            value={v.contractId}
            errors={errors}
            options={p.contracts}
            emptyLabel={pc.t('documents.none')}
          />
        ) : (
          ''
        )}
        <SelectField
          pc={pc}
          name="invoice_id"
          label={pc.t('documents.link_invoice')}
          value={v.invoiceId}
          errors={errors}
          options={p.invoices}
          emptyLabel={pc.t('documents.none')}
        />
        <div class={errors?.file ? 'field has-error' : 'field'}>
          <label for="f-file" safe>
            {pc.t('documents.file')}
          </label>
          <input id="f-file" type="file" name="file" accept="application/pdf" required aria-describedby="f-file-help" />
          <p class="help" id="f-file-help" safe>
            {pc.t('documents.file_help', { mb: p.maxMb })}
          </p>
          {errors?.file ? (
            <p class="field-error" id="f-file-error" safe>
              {pc.t(errors.file)}
            </p>
          ) : (
            ''
          )}
        </div>
      </Form>
    </Layout>
  )
}
