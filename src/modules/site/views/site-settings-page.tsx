import type { FieldErrors } from '../../../core/errors.js'
import type { ListQuery, Page } from '../../../core/http/list-query.js'
import { Card } from '../../../core/ui/components.js'
import { CheckboxField, Field, Form, PostButton, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { WebhookDelivery } from '../site.schema.js'
import { DeliveryList } from './delivery-list.js'

export interface SiteFormValues {
  ssoEnabled: boolean
  ssoAlgorithm: string
  ssoPublicKey: string
  webhookUrls: string
}

export interface SiteSettingsPageProps {
  pc: PageContext
  ssoUrl: string
  values: SiteFormValues
  /** The stored secrets, masked. */
  masked: { sso: string; webhook: string }
  errors?: FieldErrors
  /** A secret generated just now, shown this once. */
  newSecret?: { which: 'sso' | 'webhook'; secret: string }
  lq: ListQuery
  deliveries: Page<WebhookDelivery>
}

const only = (errors: FieldErrors | undefined, prefix: string): FieldErrors | undefined => {
  const picked = Object.entries(errors ?? {}).filter(([k]) => k.startsWith(prefix))
  return picked.length ? Object.fromEntries(picked) : undefined
}

function SecretState(p: { pc: PageContext; masked: string; fresh?: string }) {
  if (p.fresh) {
    return (
      <div class="banner banner-info" role="status">
        <p safe>{p.pc.t('site.new_secret_title')}</p>
        <p class="token-once" safe>
          {p.fresh}
        </p>
      </div>
    )
  }
  return (
    <p class="help" safe>
      {p.masked ? p.pc.t('site.secret_current', { masked: p.masked }) : p.pc.t('site.secret_none')}
    </p>
  )
}

/** The `/site` page: single sign-on, webhooks, and the list of webhook deliveries. */
export function SiteSettingsPage(p: SiteSettingsPageProps) {
  const { pc, values } = p
  const ssoErrors = only(p.errors, 'sso_')
  const webhookErrors = only(p.errors, 'webhook_')
  return (
    <Layout pc={pc} title={pc.t('site.title')} width="wide">
      <p safe>{pc.t('site.intro')}</p>
      <p class="help" safe>
        {pc.t('site.api_hint')}
      </p>
      <p class="help" safe>
        {pc.t('site.docs_hint')}
      </p>
      <Card
        title={pc.t('site.section.sso')}
        actions={
          <PostButton
            pc={pc}
            action="/site/secret"
            fields={{ which: 'sso' }}
            label={pc.t('site.generate_secret')}
            confirm={pc.t('site.generate_confirm')}
          />
        }
      >
        <Form pc={pc} action="/site/sso" submit={pc.t('form.save')} errors={ssoErrors}>
          <CheckboxField
            name="sso_enabled"
            label={pc.t('site.sso_enabled')}
            help={pc.t('site.sso_enabled_help', { url: p.ssoUrl })}
            checked={values.ssoEnabled}
          />
          <SelectField
            pc={pc}
            name="sso_algorithm"
            label={pc.t('site.sso_algorithm')}
            value={values.ssoAlgorithm}
            options={['HS256', 'RS256'].map((a) => ({ value: a, label: pc.t(`site.alg.${a}`) }))}
            errors={ssoErrors}
          />
          <Field
            pc={pc}
            name="sso_secret"
            type="password"
            label={pc.t('site.sso_secret')}
            help={pc.t('site.secret_keep_help')}
            autocomplete="new-password"
            errors={ssoErrors}
          />
          <SecretState
            pc={pc}
            masked={p.masked.sso}
            fresh={p.newSecret?.which === 'sso' ? p.newSecret.secret : undefined}
          />
          <TextArea
            pc={pc}
            name="sso_public_key"
            label={pc.t('site.sso_public_key')}
            help={pc.t('site.sso_public_key_help')}
            value={values.ssoPublicKey}
            rows={6}
            maxlength={10000}
            errors={ssoErrors}
          />
        </Form>
      </Card>
      <Card
        title={pc.t('site.section.webhooks')}
        actions={
          <div class="form-actions">
            <PostButton
              pc={pc}
              action="/site/secret"
              fields={{ which: 'webhook' }}
              label={pc.t('site.generate_secret')}
              confirm={pc.t('site.generate_confirm')}
            />
            <PostButton pc={pc} action="/site/webhooks/test" label={pc.t('site.send_test')} />
          </div>
        }
      >
        <Form pc={pc} action="/site/webhooks" submit={pc.t('form.save')} errors={webhookErrors}>
          <TextArea
            pc={pc}
            name="webhook_urls"
            label={pc.t('site.webhook_urls')}
            help={pc.t('site.webhook_urls_help')}
            value={values.webhookUrls}
            rows={3}
            maxlength={3000}
            errors={webhookErrors}
          />
          <Field
            pc={pc}
            name="webhook_secret"
            type="password"
            label={pc.t('site.webhook_secret')}
            help={pc.t('site.secret_keep_help')}
            autocomplete="new-password"
            errors={webhookErrors}
          />
          <SecretState
            pc={pc}
            masked={p.masked.webhook}
            fresh={p.newSecret?.which === 'webhook' ? p.newSecret.secret : undefined}
          />
        </Form>
      </Card>
      <Card title={pc.t('site.section.deliveries')}>
        <DeliveryList pc={pc} lq={p.lq} page={p.deliveries} />
      </Card>
    </Layout>
  )
}
