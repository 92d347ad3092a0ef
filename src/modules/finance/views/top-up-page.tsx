import { Field, Form, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'

/** A client user asks for a top-up request: amount (at least the company's minimum) and a comment. */
export function TopUpPage(p: {
  pc: PageContext
  currency: string
  minimum: string
  values: { amount: string; comment: string }
  errors?: Record<string, string>
}) {
  const { pc } = p
  return (
    <Layout pc={pc} title={pc.t('finance.top_up_title')} width="narrow">
      <p safe>{pc.t('finance.top_up_intro')}</p>
      <Form pc={pc} action="/finance/top-up" errors={p.errors} submit={pc.t('finance.top_up_submit')} cancelHref="/">
        <Field
          pc={pc}
          name="amount"
          label={pc.t('finance.top_up_amount', { currency: p.currency })}
          help={`≥ ${p.minimum}`}
          value={p.values.amount}
          inputmode="decimal"
          errors={p.errors}
          required
        />
        <TextArea
          pc={pc}
          name="comment"
          label={pc.t('finance.top_up_comment')}
          value={p.values.comment}
          rows={3}
          maxlength={1000}
          errors={p.errors}
        />
      </Form>
    </Layout>
  )
}
