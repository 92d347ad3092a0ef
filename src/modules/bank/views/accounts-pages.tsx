import type { FieldErrors } from '../../../core/errors.js'
import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { Card, EmptyState } from '../../../core/ui/components.js'
import { CheckboxField, Field, Form, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { type Column, DataTable, FilterBar, SearchInput } from '../../../core/ui/table.js'
import { DATE_FORMATS, ENCODINGS, MAPPING_COLUMN_FIELDS } from '../bank.constants.js'
import type { BankOwnAccountRow } from '../bank.schema.js'
import type { MappingValues } from '../csv-mapping-form.js'
import type { NormalizedTransaction } from '../parse/types.js'
import { BankTabs, crumbs, DateText, SignedMoney } from './bank-bits.js'

/** /bank/accounts: the company's own accounts (added by imports or by hand), each with its CSV mapping. */
export function AccountsPage(p: {
  pc: PageContext
  lq: ListQuery
  page: Page<BankOwnAccountRow>
  values?: Record<string, string>
  errors?: FieldErrors
}) {
  const { pc, lq } = p
  const columns: Column<BankOwnAccountRow>[] = [
    {
      key: 'name',
      label: pc.t('bank.accounts.name'),
      sortable: true,
      render: (r) => (
        <a href={`/bank/accounts/${encodeURIComponent(r.id)}`} safe>
          {r.name}
        </a>
      ),
    },
    {
      key: 'account',
      label: pc.t('bank.accounts.account'),
      sortable: true,
      render: (r) => <code safe>{r.account}</code>,
    },
    { key: 'currency', label: pc.t('bank.accounts.currency'), render: (r) => <span safe>{r.currency ?? '—'}</span> },
    {
      key: 'csv',
      label: pc.t('bank.accounts.csv'),
      render: (r) => (
        <span safe>{r.csv_mapping_json ? pc.t('bank.accounts.csv_saved') : pc.t('bank.accounts.csv_none')}</span>
      ),
    },
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('bank.accounts.title')}
      crumbs={crumbs(pc, { label: pc.t('bank.accounts.title') })}
      width="wide"
    >
      <BankTabs pc={pc} active="accounts" />
      <Card title={pc.t('bank.accounts.new')}>
        <Form pc={pc} action="/bank/accounts" submit={pc.t('bank.accounts.add')} errors={p.errors}>
          <Field
            pc={pc}
            name="account"
            label={pc.t('bank.accounts.account')}
            value={p.values?.account}
            required
            maxlength={60}
            errors={p.errors}
          />
          <Field
            pc={pc}
            name="name"
            label={pc.t('bank.accounts.name')}
            value={p.values?.name}
            maxlength={120}
            errors={p.errors}
          />
          <Field
            pc={pc}
            name="currency"
            label={pc.t('bank.accounts.currency')}
            value={p.values?.currency}
            maxlength={3}
            errors={p.errors}
          />
        </Form>
      </Card>
      <FilterBar pc={pc} path="/bank/accounts" target="bank-accounts">
        <SearchInput pc={pc} value={lq.q} label={pc.t('bank.accounts.search')} />
      </FilterBar>
      <DataTable
        pc={pc}
        id="bank-accounts"
        path="/bank/accounts"
        lq={lq}
        columns={columns}
        rows={p.page.rows}
        total={p.page.total}
        caption={pc.t('bank.accounts.title')}
        empty={<EmptyState title={pc.t('bank.accounts.empty')} />}
      />
    </Layout>
  )
}

export interface CsvPreview {
  error?: string
  rows: NormalizedTransaction[]
  total: number
}

/** One account: its name and CSV column mapping, with a preview of the first rows of a sample file. */
export function AccountPage(p: {
  pc: PageContext
  account: BankOwnAccountRow
  name: string
  values: MappingValues
  errors?: FieldErrors
  preview?: CsvPreview
}) {
  const { pc, values: v } = p
  const f = (name: string, type?: 'number') => (
    <Field
      pc={pc}
      name={name}
      type={type}
      label={pc.t(`bank.csv.${name.slice(4)}`)}
      value={v[name]}
      maxlength={60}
      errors={p.errors}
    />
  )
  const base = `/bank/accounts/${encodeURIComponent(p.account.id)}`
  return (
    <Layout
      pc={pc}
      title={p.account.name}
      crumbs={crumbs(pc, { label: pc.t('bank.accounts.title'), href: '/bank/accounts' }, { label: p.account.name })}
    >
      <Card title={pc.t('bank.accounts.mapping')}>
        <p class="help" safe>
          {pc.t('bank.csv.intro')}
        </p>
        <Form pc={pc} action={base} multipart submit={pc.t('form.save')} errors={p.errors}>
          <Field
            pc={pc}
            name="name"
            label={pc.t('bank.accounts.name')}
            value={p.name}
            required
            maxlength={120}
            errors={p.errors}
          />
          <fieldset>
            <legend safe>{pc.t('bank.csv.file')}</legend>
            {f('csv_delimiter')}
            <SelectField
              pc={pc}
              name="csv_encoding"
              label={pc.t('bank.csv.encoding')}
              value={v.csv_encoding}
              options={ENCODINGS.map((e) => ({ value: e, label: e || pc.t('bank.csv.detect') }))}
              errors={p.errors}
            />
            <CheckboxField name="csv_header" label={pc.t('bank.csv.header')} checked={v.csv_header === '1'} />
            {f('csv_skip_rows', 'number')}
            <SelectField
              pc={pc}
              name="csv_date_format"
              label={pc.t('bank.csv.date_format')}
              value={v.csv_date_format}
              options={DATE_FORMATS.map((d) => ({ value: d, label: d }))}
              errors={p.errors}
            />
            <SelectField
              pc={pc}
              name="csv_decimal"
              label={pc.t('bank.csv.decimal')}
              value={v.csv_decimal}
              options={[
                { value: ',', label: ',' },
                { value: '.', label: '.' },
              ]}
              errors={p.errors}
            />
            <SelectField
              pc={pc}
              name="csv_sign"
              label={pc.t('bank.csv.sign')}
              value={v.csv_sign}
              options={['negative-out', 'negative-in'].map((s) => ({ value: s, label: pc.t(`bank.csv.sign_${s}`) }))}
              errors={p.errors}
            />
            {f('csv_currency')}
            {f('csv_own_account')}
          </fieldset>
          <fieldset>
            <legend safe>{pc.t('bank.csv.columns')}</legend>
            <p class="help" safe>
              {pc.t('bank.csv.columns_help')}
            </p>
            {MAPPING_COLUMN_FIELDS.map((name) => f(name))}
          </fieldset>
          <fieldset>
            <legend safe>{pc.t('bank.csv.preview')}</legend>
            <div class="field">
              <label for="f-sample" safe>
                {pc.t('bank.csv.sample')}
              </label>
              <input id="f-sample" name="sample" type="file" />
            </div>
            <CheckboxField name="preview_only" label={pc.t('bank.csv.preview_only')} checked={Boolean(p.preview)} />
          </fieldset>
        </Form>
      </Card>
      {p.preview ? (
        <Card title={pc.t('bank.csv.preview')}>
          {p.preview.error ? (
            <p class="field-error" role="alert" safe>
              {p.preview.error}
            </p>
          ) : p.preview.rows.length === 0 ? (
            <p safe>{pc.t('bank.tx.empty')}</p>
          ) : (
            <div class="table-scroll">
              <table class="data-table">
                <caption safe>
                  {pc.t('bank.csv.preview_caption', { shown: p.preview.rows.length, total: p.preview.total })}
                </caption>
                <thead>
                  <tr>
                    {['date', 'amount', 'counterparty', 'their_account', 'purpose'].map((k) => (
                      <th scope="col" safe>
                        {pc.t(`bank.tx.${k}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.preview.rows.map((t) => (
                    <tr>
                      <td>
                        <DateText pc={pc} date={t.date} />
                      </td>
                      <td class="num">
                        <SignedMoney pc={pc} minor={t.amount} currency={t.currency} direction={t.direction} />
                      </td>
                      <td safe>{t.counterpartyName ?? ''}</td>
                      <td safe>{t.counterpartyAccount ?? ''}</td>
                      <td safe>{t.purpose ?? ''}</td>
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
