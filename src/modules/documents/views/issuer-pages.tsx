import { Badge, Card, EmptyState } from '../../../core/ui/components.js'
import { CheckboxField, Field, Form, PostButton, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { ContractLink } from '../contract-issuers.service.js'
import { DOCUMENT_KINDS, FACSIMILE_RULES, SIGNER_ROLES, VAT_STATUSES } from '../documents.constants.js'
import type { DocumentsSettings } from '../documents-settings.js'
import type { IssuerView } from '../issuers.service.js'

const issuerHref = (i: { id: string }) => `/documents/issuers/${encodeURIComponent(i.id)}`

/** The issuing companies, the default first. */
export function IssuerListPage(p: { pc: PageContext; issuers: IssuerView[] }) {
  const { pc } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('documents.issuers_title')}
      actions={
        <div class="actions">
          <a class="btn" href="/documents/settings" safe>
            {pc.t('documents.settings_title')}
          </a>
          <a class="btn btn-primary" href="/documents/issuers/new" safe>
            {pc.t('documents.issuer_new')}
          </a>
        </div>
      }
    >
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden" safe>
            {pc.t('documents.issuers_title')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {pc.t('documents.issuer_name')}
              </th>
              <th scope="col" safe>
                {pc.t('documents.tax_id')}
              </th>
              <th scope="col" safe>
                {pc.t('documents.signers')}
              </th>
              <th scope="col" safe>
                {pc.t('documents.state')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.issuers.map((i) => (
              <tr>
                <td>
                  <a href={issuerHref(i)} safe>
                    {i.name}
                  </a>
                </td>
                <td safe>{i.taxId}</td>
                <td safe>{i.signers.map((s) => s.name || pc.t(`documents.role.${s.role}`)).join(', ')}</td>
                <td>
                  {i.isDefault ? <Badge tone="blue" label={pc.t('documents.issuer_default')} /> : ''}
                  {i.isActive ? '' : <Badge tone="grey" label={pc.t('documents.issuer_inactive')} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  )
}

export interface IssuerFormValues {
  name: string
  taxId: string
  address: string
  email: string
  phone: string
  vatStatus: string
  bankAccounts: string
  numberPrefix: string
  isDefault: boolean
  isActive: boolean
  version: string
}

function ImageUpload(p: {
  pc: PageContext
  issuer: IssuerView
  kind: 'logo' | 'stamp'
  errors?: Record<string, string>
}) {
  const { pc, issuer } = p
  const has = p.kind === 'logo' ? issuer.logoSha256 : issuer.stampSha256
  return (
    <Form
      pc={pc}
      action={`${issuerHref(issuer)}/images/${p.kind}`}
      multipart
      errors={p.errors?.[p.kind] ? { [p.kind]: p.errors[p.kind] as string } : undefined}
      submit={pc.t('documents.image_upload')}
    >
      {has ? (
        <img
          src={`${issuerHref(issuer)}/images/${p.kind}`}
          alt={pc.t(`documents.image.${p.kind}`)}
          class="issuer-image"
        />
      ) : (
        ''
      )}
      <div class="field">
        <label for={`f-${p.kind}`} safe>
          {pc.t(`documents.image.${p.kind}`)}
        </label>
        <input id={`f-${p.kind}`} type="file" name={p.kind} accept="image/png,image/jpeg" />
      </div>
    </Form>
  )
}

/** A new issuer, or one issuer: details, logo and stamp, signers with signatures, contracts it signs. */
export function IssuerPage(p: {
  pc: PageContext
  issuer: IssuerView | null
  values: IssuerFormValues
  errors?: Record<string, string>
  contracts: ContractLink[]
  contractOptions: { value: string; label: string }[] | null
}) {
  const { pc, issuer, values: v, errors } = p
  return (
    <Layout
      pc={pc}
      title={issuer ? issuer.name : pc.t('documents.issuer_new')}
      width="narrow"
      crumbs={[{ label: pc.t('documents.issuers_title'), href: '/documents/issuers' }]}
    >
      <Form
        pc={pc}
        action={issuer ? issuerHref(issuer) : '/documents/issuers'}
        errors={errors}
        submit={pc.t('documents.save')}
      >
        <input type="hidden" name="version" value={v.version} />
        <Field pc={pc} name="name" label={pc.t('documents.issuer_name')} value={v.name} errors={errors} required />
        <Field pc={pc} name="tax_id" label={pc.t('documents.tax_id')} value={v.taxId} errors={errors} />
        <Field pc={pc} name="address" label={pc.t('documents.address')} value={v.address} errors={errors} />
        <Field pc={pc} name="email" type="email" label={pc.t('documents.email')} value={v.email} errors={errors} />
        <Field pc={pc} name="phone" type="tel" label={pc.t('documents.phone')} value={v.phone} errors={errors} />
        <SelectField
          pc={pc}
          name="vat_status"
          label={pc.t('documents.vat_status')}
          value={v.vatStatus}
          errors={errors}
          options={VAT_STATUSES.map((s) => ({ value: s, label: pc.t(`documents.vat.${s}`) }))}
        />
        <TextArea
          pc={pc}
          name="bank_accounts"
          label={pc.t('documents.bank_accounts')}
          help={pc.t('documents.bank_accounts_help')}
          value={v.bankAccounts}
          errors={errors}
          rows={3}
        />
        <Field
          pc={pc}
          name="number_prefix"
          label={pc.t('documents.number_prefix')}
          help={pc.t('documents.number_prefix_help')}
          value={v.numberPrefix}
          errors={errors}
          maxlength={12}
        />
        <CheckboxField name="is_default" label={pc.t('documents.issuer_default')} checked={v.isDefault} />
        <CheckboxField name="is_active" label={pc.t('documents.issuer_active')} checked={v.isActive} />
      </Form>
      {issuer ? (
        <>
          <Card title={pc.t('documents.images_title')}>
            <ImageUpload pc={pc} issuer={issuer} kind="logo" errors={errors} />
            <ImageUpload pc={pc} issuer={issuer} kind="stamp" errors={errors} />
          </Card>
          <Card title={pc.t('documents.signers')}>
            {issuer.signers.length === 0 ? <EmptyState title={pc.t('documents.signers_empty')} /> : ''}
            <ul class="plain-list">
              {issuer.signers.map((s) => (
                <li>
                  <span safe>{`${pc.t(`documents.role.${s.role}`)}: ${s.name || '—'}`}</span>
                  {s.signatureSha256 ? (
                    <img
                      src={`${issuerHref(issuer)}/signers/${encodeURIComponent(s.id)}/signature`}
                      alt={pc.t('documents.signature_of', { name: s.name })}
                      class="issuer-image"
                    />
                  ) : (
                    ''
                  )}
                  <PostButton
                    pc={pc}
                    action={`${issuerHref(issuer)}/signers/${encodeURIComponent(s.id)}/delete`}
                    label={pc.t('documents.remove')}
                    danger
                    confirm={pc.t('documents.remove_confirm')}
                  />
                </li>
              ))}
            </ul>
            <Form pc={pc} action={`${issuerHref(issuer)}/signers`} multipart submit={pc.t('documents.signer_add')}>
              <SelectField
                pc={pc}
                name="role"
                idPrefix="signer-"
                label={pc.t('documents.role')}
                options={SIGNER_ROLES.map((r) => ({ value: r, label: pc.t(`documents.role.${r}`) }))}
              />
              <Field pc={pc} name="signer_name" label={pc.t('documents.signer_name')} required />
              <div class="field">
                <label for="f-signature" safe>
                  {pc.t('documents.signature')}
                </label>
                <input id="f-signature" type="file" name="signature" accept="image/png,image/jpeg" />
              </div>
            </Form>
          </Card>
          {p.contractOptions ? (
            <Card title={pc.t('documents.contracts_title')}>
              <p class="muted" safe>
                {pc.t('documents.contracts_help')}
              </p>
              <ul class="plain-list">
                {p.contracts.map((c) => (
                  <li>
                    <a
                      href={`/contracts/${encodeURIComponent(c.contractId)}`}
                      safe
                    >{`${c.clientName} · ${c.number} · ${c.subject}`}</a>
                    <PostButton
                      pc={pc}
                      action={`${issuerHref(issuer)}/contracts/${encodeURIComponent(c.contractId)}/delete`}
                      label={pc.t('documents.remove')}
                    />
                  </li>
                ))}
              </ul>
              <Form
                pc={pc}
                action={`${issuerHref(issuer)}/contracts`}
                submit={pc.t('documents.contract_add')}
                errors={errors?.contract_id ? { contract_id: errors.contract_id } : undefined}
              >
                <SelectField
                  pc={pc}
                  name="contract_id"
                  label={pc.t('documents.contract')}
                  options={p.contractOptions}
                  emptyLabel={pc.t('documents.choose_contract')}
                />
              </Form>
            </Card>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}

/** Facsimile rules per kind, signing generated documents, upload size. */
export function DocumentsSettingsPage(p: {
  pc: PageContext
  settings: DocumentsSettings
  errors?: Record<string, string>
}) {
  const { pc, settings, errors } = p
  return (
    <Layout
      pc={pc}
      title={pc.t('documents.settings_title')}
      width="narrow"
      crumbs={[{ label: pc.t('documents.issuers_title'), href: '/documents/issuers' }]}
    >
      <Form pc={pc} action="/documents/settings" errors={errors} submit={pc.t('documents.save')}>
        <p class="muted" safe>
          {pc.t('documents.facsimile_help')}
        </p>
        {DOCUMENT_KINDS.map((k) => (
          <SelectField
            pc={pc}
            name={`facsimile_${k}`}
            label={pc.t(`documents.kind.${k}`)}
            value={settings.facsimile[k]}
            errors={errors}
            options={FACSIMILE_RULES.map((r) => ({ value: r, label: pc.t(`documents.facsimile.${r}`) }))}
          />
        ))}
        <CheckboxField
          name="sign_generated"
          label={pc.t('documents.sign_generated')}
          checked={settings.signGenerated}
        />
        <Field
          pc={pc}
          name="max_upload_mb"
          label={pc.t('documents.max_upload_mb')}
          value={String(settings.maxUploadMb)}
          errors={errors}
          inputmode="numeric"
        />
      </Form>
    </Layout>
  )
}
