import type { FieldErrors } from '../../../core/errors.js'
import { formatNumber } from '../../../core/i18n/format.js'
import { Field, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { ATTACHMENTS_PER_MESSAGE, BODY_MAX, LINK_KINDS, SUBJECT_MAX } from '../support.constants.js'
import { priorityOptions } from './support-bits.js'

export interface RequestFormValues {
  clientId: string
  categoryId: string
  priority: string
  subject: string
  body: string
  linkKind: string
  linkId: string
}

export interface RequestFormProps {
  pc: PageContext
  values: RequestFormValues
  errors?: FieldErrors
  categories: { id: string; name: string }[]
  /** Staff: the clients to choose from; client users open requests for their own company. */
  clients: { id: string; name: string }[] | null
  maxBytes: number
  /** Files are never kept by a browser across a refused form; the page says so. */
  filesDropped?: boolean
}

/** The attachments input with its limits and error, shared by the new-request and reply forms. */
export function AttachmentsField({
  pc,
  errors,
  maxBytes,
}: {
  pc: PageContext
  errors?: FieldErrors
  maxBytes: number
}) {
  const error = errors?.attachments
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="f-attachments" safe>
        {pc.t('support.attachments')}
      </label>
      <input
        id="f-attachments"
        name="attachments"
        type="file"
        multiple
        accept="image/*,application/pdf,text/plain,text/csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'f-attachments-help f-attachments-error' : 'f-attachments-help'}
      />
      <p class="help" id="f-attachments-help" safe>
        {pc.t('support.attachments_help', {
          count: ATTACHMENTS_PER_MESSAGE,
          mb: formatNumber(pc.locale, Math.floor(maxBytes / (1024 * 1024))),
        })}
      </p>
      {error ? (
        <p class="field-error" id="f-attachments-error" safe>
          {pc.t(error)}
        </p>
      ) : (
        ''
      )}
    </div>
  )
}

/** A new request: what it is about, how urgent, the text (Markdown), an optional link and files. */
export function RequestFormPage(p: RequestFormProps) {
  const { pc, values: v, errors } = p
  const back = p.clients ? '/support' : '/support/mine'
  return (
    <Layout
      pc={pc}
      title={pc.t('support.new')}
      width="narrow"
      crumbs={[
        { label: pc.t(p.clients ? 'support.title' : 'support.my_title'), href: back },
        { label: pc.t('support.new') },
      ]}
    >
      {p.filesDropped ? (
        <p class="banner banner-info" safe>
          {pc.t('support.files_again')}
        </p>
      ) : (
        ''
      )}
      <Form
        pc={pc}
        action="/support"
        multipart
        errors={errors}
        submit={pc.t('support.submit_request')}
        cancelHref={back}
      >
        {p.clients ? (
          <SelectField
            pc={pc}
            name="client_id"
            label={pc.t('support.client')}
            value={v.clientId}
            options={p.clients.map((c) => ({ value: c.id, label: c.name }))}
            emptyLabel={pc.t('support.choose_client')}
            errors={errors}
            required
          />
        ) : (
          ''
        )}
        {p.categories.length ? (
          <SelectField
            pc={pc}
            name="category_id"
            label={pc.t('support.category')}
            value={v.categoryId}
            options={p.categories.map((c) => ({ value: c.id, label: c.name }))}
            emptyLabel={pc.t('support.choose_category')}
            errors={errors}
            required
          />
        ) : (
          ''
        )}
        <SelectField
          pc={pc}
          name="priority"
          label={pc.t('support.priority')}
          value={v.priority}
          options={priorityOptions(pc)}
          errors={errors}
          help={pc.t('support.priority_help')}
          required
        />
        <Field
          pc={pc}
          name="subject"
          label={pc.t('support.subject')}
          value={v.subject}
          errors={errors}
          maxlength={SUBJECT_MAX}
          required
        />
        <TextArea
          pc={pc}
          name="body"
          label={pc.t('support.body')}
          value={v.body}
          errors={errors}
          rows={8}
          maxlength={BODY_MAX}
          help={pc.t('support.markdown_help')}
          required
        />
        <div class="grid-2">
          <SelectField
            pc={pc}
            name="link_kind"
            label={pc.t('support.link_kind')}
            value={v.linkKind}
            options={LINK_KINDS.map((k) => ({ value: k, label: pc.t(`support.link.${k}`) }))}
            emptyLabel={pc.t('support.link_none')}
            errors={errors}
          />
          <Field
            pc={pc}
            name="link_id"
            label={pc.t('support.link_id')}
            value={v.linkId}
            errors={errors}
            maxlength={64}
            help={pc.t('support.link_help')}
          />
        </div>
        <AttachmentsField pc={pc} errors={errors} maxBytes={p.maxBytes} />
      </Form>
    </Layout>
  )
}
