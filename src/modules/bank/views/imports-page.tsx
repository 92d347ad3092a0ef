import type { FieldErrors } from '../../../core/errors.js'
import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { formatDateTime, formatNumber } from '../../../core/i18n/format.js'
import { Card, EmptyState } from '../../../core/ui/components.js'
import { Form, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, FilterSelect, SearchInput } from '../../../core/ui/table.js'
import type { ImportView } from '../bank-history.service.js'
import { BankTabs, crumbs } from './bank-bits.js'

const FORMATS = ['1c-clientbankexchange', 'camt.053', 'camt.054', 'camt.052', 'mt940', 'csv']

/** The upload form: several files at once; drag and drop where the script runs. */
export function UploadForm(p: {
  pc: PageContext
  csvAccounts: { id: string; name: string }[]
  errors?: FieldErrors
  account?: string
}) {
  const { pc } = p
  const error = p.errors?.files
  return (
    <Form pc={pc} action="/bank/imports" multipart submit={pc.t('bank.upload.submit')} errors={p.errors}>
      <div class={error ? 'field has-error bank-drop' : 'field bank-drop'} data-bank-drop>
        <label for="f-files">
          <span safe>{pc.t('bank.upload.files')}</span>
          <span class="required" aria-hidden="true">
            *
          </span>
        </label>
        <input id="f-files" name="files" type="file" multiple required aria-describedby="f-files-help" />
        <p class="help" id="f-files-help" safe>
          {pc.t('bank.upload.help')}
        </p>
        {error ? (
          <p class="field-error" safe>
            {pc.t(error)}
          </p>
        ) : (
          ''
        )}
      </div>
      <SelectField
        pc={pc}
        name="account"
        label={pc.t('bank.upload.csv_account')}
        help={pc.t('bank.upload.csv_account_help')}
        value={p.account ?? ''}
        emptyLabel={pc.t('bank.upload.no_csv')}
        options={p.csvAccounts.map((a) => ({ value: a.id, label: a.name }))}
        errors={p.errors}
      />
    </Form>
  )
}

/** /bank: upload statements and the history of imported files. */
export function ImportsPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<ImportView>
  csvAccounts: { id: string; name: string }[]
  errors?: FieldErrors
}) {
  const { pc, lq } = p
  const n = (v: number) => formatNumber(pc.locale, v)
  const columns: Column<ImportView>[] = [
    {
      key: 'imported_at',
      label: pc.t('bank.import.when'),
      sortable: true,
      render: (r) => (
        <a href={`/bank/imports/${encodeURIComponent(r.id)}`} class="nowrap" safe>
          {formatDateTime(pc.locale, r.importedAt, pc.timeZone)}
        </a>
      ),
    },
    {
      key: 'file_name',
      label: pc.t('bank.import.file'),
      sortable: true,
      render: (r) => <span safe>{r.fileName}</span>,
    },
    { key: 'format', label: pc.t('bank.import.format'), sortable: true, render: (r) => <span safe>{r.format}</span> },
    { key: 'who', label: pc.t('bank.import.who'), render: (r) => <span safe>{r.importedBy}</span> },
    {
      key: 'transactions',
      label: pc.t('bank.summary.transactions'),
      sortable: true,
      align: 'right',
      render: (r) => <span safe>{`${n(r.transactions)} / ${n(r.new)}`}</span>,
    },
    {
      key: 'matched',
      label: pc.t('bank.summary.matched'),
      align: 'right',
      render: (r) => <span safe>{n(r.matched)}</span>,
    },
    {
      key: 'to_review',
      label: pc.t('bank.summary.toReview'),
      sortable: true,
      align: 'right',
      render: (r) => <span safe>{n(r.toReview)}</span>,
    },
    {
      key: 'expenses',
      label: pc.t('bank.summary.expenses'),
      align: 'right',
      render: (r) => <span safe>{n(r.expenses)}</span>,
    },
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('bank.imports.title')}
      crumbs={crumbs(pc, { label: pc.t('bank.imports.title') })}
      width="wide"
    >
      <BankTabs pc={pc} active="imports" />
      <Card title={pc.t('bank.upload.title')}>
        <UploadForm pc={pc} csvAccounts={p.csvAccounts} errors={p.errors} />
      </Card>
      <h2 safe>{pc.t('bank.imports.history')}</h2>
      <FilterBar pc={pc} path="/bank" target="bank-imports">
        <SearchInput pc={pc} value={lq.q} label={pc.t('bank.imports.search')} />
        <FilterSelect
          name="format"
          label={pc.t('bank.import.format')}
          value={lq.params.format ?? ''}
          options={FORMATS.map((f) => ({ value: f, label: f }))}
          allLabel={pc.t('bank.all_formats')}
        />
        <label class="filter-date">
          <span safe>{pc.t('bank.from')}</span>
          <input type="date" name="from" value={lq.params.from ?? ''} />
        </label>
        <label class="filter-date">
          <span safe>{pc.t('bank.to')}</span>
          <input type="date" name="to" value={lq.params.to ?? ''} />
        </label>
      </FilterBar>
      <DataTable
        pc={pc}
        id="bank-imports"
        path="/bank"
        lq={lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('bank.imports.history')}
        empty={<EmptyState title={pc.t('bank.imports.empty')} hint={pc.t('bank.imports.empty_hint')} />}
      />
      <script src="/bank/upload.js" defer></script>
    </Layout>
  )
}
