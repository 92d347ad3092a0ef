import type { FieldErrors } from '../../../core/errors.js'
import { formatNumber } from '../../../core/i18n/format.js'
import { Badge, Card } from '../../../core/ui/components.js'
import { Csrf, Form, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ImportPreview, ImportProblem } from '../client-import.js'

const ENCODINGS = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1250', label: 'Windows-1250 (Excel, közép-európai / Central European)' },
  { value: 'windows-1251', label: 'Windows-1251 (Excel, кириллица / Cyrillic)' },
]

function UploadForm({ pc, errors, encoding }: { pc: PageContext; errors?: FieldErrors; encoding?: string }) {
  const error = errors?.file
  return (
    <Form
      pc={pc}
      action="/clients/import"
      multipart
      submit={pc.t('clients.import.preview')}
      errors={errors}
      cancelHref="/clients"
    >
      <div class={error ? 'field has-error' : 'field'}>
        <label for="f-file">
          <span safe>{pc.t('clients.import.file')}</span>
          <span class="required" aria-hidden="true">
            *
          </span>
        </label>
        <input id="f-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="f-file-help" />
        <p class="help" id="f-file-help" safe>
          {pc.t('clients.import.file_help')}
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
        name="encoding"
        label={pc.t('clients.import.encoding')}
        help={pc.t('clients.import.encoding_help')}
        value={encoding ?? 'utf-8'}
        options={ENCODINGS}
      />
    </Form>
  )
}

/** Step 1: choose a CSV file; the columns it may have are listed with a template to start from. */
export function ImportUploadPage(p: { pc: PageContext; columns: string[]; errors?: FieldErrors }) {
  const { pc } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('clients.import.title')}
      crumbs={[{ label: pc.t('clients.title'), href: '/clients' }, { label: pc.t('clients.import.title') }]}
      width="narrow"
    >
      <Card>
        <p safe>{pc.t('clients.import.intro')}</p>
        <p class="help" safe>
          {pc.t('clients.import.columns', { columns: p.columns.join(', ') })}
        </p>
        <p>
          <a class="btn btn-small" href="/clients/import/template.csv" download="" safe>
            {pc.t('clients.import.template')}
          </a>
        </p>
        <UploadForm pc={pc} errors={p.errors} />
      </Card>
    </Layout>
  )
}

function ProblemList({
  pc,
  problems,
  labels,
}: {
  pc: PageContext
  problems: ImportProblem[]
  labels: Record<string, string>
}) {
  return (
    <ul class="plain-list">
      {problems.map((pr) => (
        <li safe>{`${labels[pr.field] ?? pr.field}: ${pc.t(pr.messageKey, pr.params)}`}</li>
      ))}
    </ul>
  )
}

/** Step 2: every row as it would be imported, each problem named by line; confirm only when there is none. */
export function ImportPreviewPage(p: {
  pc: PageContext
  preview: ImportPreview
  labels: Record<string, string>
  refused?: boolean
}) {
  const { pc, preview } = p
  const n = (v: number) => formatNumber(pc.locale, v)
  const bad = preview.rows.filter((r) => r.problems.length > 0)
  const ok = preview.errorCount === 0
  return (
    <Layout
      pc={pc}
      title={pc.t('clients.import.preview_title')}
      crumbs={[
        { label: pc.t('clients.title'), href: '/clients' },
        { label: pc.t('clients.import.title'), href: '/clients/import' },
        { label: pc.t('clients.import.preview_title') },
      ]}
      width="wide"
    >
      {ok ? (
        <div class="flash flash-success" role="status">
          <span safe>{pc.t('clients.import.ready', { count: n(preview.rows.length) })}</span>
        </div>
      ) : (
        <div class="flash flash-error" role="alert">
          <span safe>
            {pc.t(p.refused ? 'clients.import.refused' : 'clients.import.has_errors', {
              count: n(bad.length + preview.fileProblems.length),
            })}
          </span>
        </div>
      )}
      {preview.fileProblems.length ? (
        <Card title={pc.t('clients.import.file_problems')}>
          <ProblemList pc={pc} problems={preview.fileProblems} labels={p.labels} />
        </Card>
      ) : (
        ''
      )}
      {ok ? (
        <form method="post" action="/clients/import/confirm" class="form">
          <Csrf pc={pc} />
          <input type="hidden" name="sha256" value={preview.sha256} />
          <input type="hidden" name="encoding" value={preview.encoding} />
          <input type="hidden" name="signature" value={preview.signature} />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" data-disable-on-submit safe>
              {pc.t('clients.import.confirm', { count: n(preview.rows.length) })}
            </button>
            <a class="btn" href="/clients/import" safe>
              {pc.t('form.cancel')}
            </a>
          </div>
        </form>
      ) : (
        <Card title={pc.t('clients.import.upload_again')}>
          <UploadForm pc={pc} encoding={preview.encoding} />
        </Card>
      )}
      {preview.rows.length ? (
        <div class="table-block">
          <div class="table-scroll">
            <table class="data-table">
              <caption safe>
                {pc.t('clients.import.rows', { count: n(preview.rows.length), bad: n(bad.length) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="num" safe>
                    {pc.t('clients.import.line')}
                  </th>
                  <th scope="col" safe>
                    {p.labels.name}
                  </th>
                  <th scope="col" safe>
                    {p.labels.tax_id}
                  </th>
                  <th scope="col" safe>
                    {p.labels.status}
                  </th>
                  <th scope="col" safe>
                    {p.labels.manager_email}
                  </th>
                  <th scope="col" safe>
                    {pc.t('clients.import.problems')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {/* Rows with problems first, so a long file shows what to fix without scrolling. */}
                {[...bad, ...preview.rows.filter((r) => r.problems.length === 0)].slice(0, 1000).map((r) => (
                  <tr class={r.problems.length ? 'row-error' : undefined}>
                    <td class="num" safe>
                      {String(r.line)}
                    </td>
                    <td safe>{r.input.name}</td>
                    <td safe>{r.values?.tax_id ?? r.input.taxId}</td>
                    <td safe>{r.values ? pc.t(`clients.status.${r.values.status}`) : r.input.status}</td>
                    <td safe>{r.managerEmail}</td>
                    <td>
                      {r.problems.length ? (
                        <ProblemList pc={pc} problems={r.problems} labels={p.labels} />
                      ) : (
                        <Badge tone="green" label={pc.t('clients.import.row_ok')} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        ''
      )}
    </Layout>
  )
}
