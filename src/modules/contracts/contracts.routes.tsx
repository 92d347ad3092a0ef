import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { pageContext } from '../../core/ui/page-context.js'
import {
  BLANK_PARAMETER_ROWS,
  type ContractFormValues,
  emptyFormValues,
  errorsOnRows,
  formValuesFromBody,
  formValuesOf,
  inputFromForm,
} from './contract-form.js'
import { checkContractInput } from './contract-input.js'
import { clientChoices, pickableClients, userName, visibleClient } from './contract-overview.service.js'
import { contractScanFile, scanMaxBytes, uploadContractScan } from './contract-scan.service.js'
import { allowedTransitions, changeContractStatus, contractHistory } from './contract-status.service.js'
import { EDITABLE_STATUSES } from './contracts.constants.js'
import { scanUploadErrors, sendScan } from './contracts.http.js'
import {
  CONTRACT_SORTS,
  type ContractView,
  companyToday,
  createContract,
  decimalSeparator,
  getContract,
  listContracts,
  updateContract,
} from './contracts.service.js'
import { ContractDetailPage } from './views/contract-detail.js'
import { ContractFormPage, type ContractFormProps } from './views/contract-form.js'
import { ContractListPage } from './views/contract-list.js'
import { MyContractsPage } from './views/my-contracts.js'

const READ = { access: { permission: 'contracts.read' } } as const
const MANAGE = { access: { permission: 'contracts.manage' } } as const
const CLIENT = { access: { permission: 'contracts.client' } } as const
// Staff (contracts.read) and client users (contracts.client) both download scans; the service decides.
const READ_ANY = { access: 'signed-in' } as const

/** A select of clients stays usable up to this many; beyond it the list filter works by link only. */
const CLIENT_SELECT_LIMIT = 300

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

/** Contract pages under /contracts: the staff list, form and detail; the client's own list; scans. */
export async function contractsPages(app: FastifyInstance) {
  const { services } = app

  app.get('/', { config: READ }, async (req, reply) => {
    const lq = parseListQuery(req.query, { sortable: CONTRACT_SORTS, defaultSort: 'signed_on', defaultDir: 'desc' })
    const ending = Number.parseInt(lq.params.ending ?? '', 10)
    const page = await listContracts(req.ctx, lq, {
      status: lq.params.status,
      type: lq.params.type,
      clientId: lq.params.client || undefined,
      endingWithinDays: ending > 0 && ending <= 3650 ? ending : undefined,
    })
    return reply.html(
      <ContractListPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={page}
        clients={await clientChoices(req.ctx, CLIENT_SELECT_LIMIT)}
        today={await companyToday(req.ctx)}
        canManage={req.ctx.can('contracts.manage')}
      />,
    )
  })

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    props: Omit<ContractFormProps, 'pc' | 'blankRows'> & { blankRows?: number },
  ) =>
    reply
      .status(props.errors ? 422 : 200)
      .html(<ContractFormPage pc={await pageContext(req, reply)} blankRows={props.blankRows ?? 0} {...props} />)

  /** The new-contract form's client: fixed when it came from a client card, else a select. */
  const clientPart = async (req: FastifyRequest, fixedId: string | null) => {
    if (fixedId) {
      const client = await visibleClient(req.ctx, fixedId)
      if (!client) throw new NotFoundError('client')
      return { fixedClient: client }
    }
    return { clients: await pickableClients(req.ctx, 1000) }
  }

  app.get('/new', { config: MANAGE }, async (req, reply) => {
    const fixed = (req.query as { client?: string }).client || null
    const company = await services.settings.get('company')
    return formPage(req, reply, {
      values: emptyFormValues(fixed ?? '', company.defaultCurrency, company.legalName),
      blankRows: BLANK_PARAMETER_ROWS,
      ...(await clientPart(req, fixed)),
    })
  })

  /** Reads the form; returns either field errors (input kept) or the checked input. */
  const readForm = async (req: FastifyRequest, currency: string) => {
    const values = formValuesFromBody(req.body)
    const { input, errors, rowIndex } = inputFromForm(values, req.locale, currency)
    const check = checkContractInput(input, { currency, decimal: decimalSeparator(req.locale) })
    const all = { ...errorsOnRows(check.errors, rowIndex), ...errors }
    return { values, input, rowIndex, errors: Object.keys(all).length ? all : null }
  }

  app.post('/', { config: MANAGE }, async (req, reply) => {
    const company = await services.settings.get('company')
    const { values, input, rowIndex, errors } = await readForm(req, company.defaultCurrency)
    const fixed = formData(req.body).client_fixed === '1' ? values.clientId : null
    const render = async (errs?: Record<string, string>, blankRows = 0) =>
      formPage(req, reply, { values, errors: errs, blankRows, ...(await clientPart(req, fixed)) })
    if (formData(req.body).add_param_row) return render(undefined, 1)
    const clientError: Record<string, string> = values.clientId ? {} : { client_id: 'form.required' }
    if (errors || !values.clientId) return render({ ...clientError, ...errors })
    try {
      const created = await createContract(req.ctx, values.clientId, input)
      setFlash(reply, 'success', req.t('contracts.created_flash', { number: created.number }))
      return reply.redirect(`/contracts/${encodeURIComponent(created.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError) return render(errorsOnRows(err.fields, rowIndex))
      throw err
    }
  })

  app.get('/mine', { config: CLIENT }, async (req, reply) => {
    // The head holds every permission, client ones too; staff have the full list.
    if (req.actor?.role !== 'client') return reply.redirect('/contracts', 303)
    const lq = parseListQuery(req.query, {
      sortable: ['number', 'type', 'valid_to', 'status', 'signed_on'],
      defaultSort: 'signed_on',
      defaultDir: 'desc',
    })
    const page = await listContracts(req.ctx, lq, { status: lq.params.status })
    return reply.html(
      <MyContractsPage pc={await pageContext(req, reply)} lq={lq} page={page} today={await companyToday(req.ctx)} />,
    )
  })

  const detailPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    contract: ContractView,
    scanErrors?: Record<string, string>,
  ) => {
    const today = await companyToday(req.ctx)
    return reply
      .status(scanErrors ? 422 : 200)
      .html(
        <ContractDetailPage
          pc={await pageContext(req, reply)}
          contract={contract}
          history={await contractHistory(req.ctx, contract.id)}
          allowed={allowedTransitions(contract, today)}
          editable={EDITABLE_STATUSES.includes(contract.status)}
          canManage={req.ctx.can('contracts.manage')}
          today={today}
          createdByName={await userName(req.ctx, contract.createdBy)}
          scanMaxBytes={scanMaxBytes(req.ctx)}
          scanErrors={scanErrors}
        />,
      )
  }

  app.get('/:id', { config: READ }, async (req, reply) => detailPage(req, reply, await getContract(req.ctx, idOf(req))))

  const editPage = (
    req: FastifyRequest,
    reply: FastifyReply,
    c: ContractView,
    values: ContractFormValues,
    errors?: Record<string, string>,
    blankRows = 0,
  ) =>
    formPage(req, reply, {
      values,
      errors,
      blankRows,
      editing: { id: c.id, number: c.number, clientName: c.clientName },
    })

  app.get('/:id/edit', { config: MANAGE }, async (req, reply) => {
    const contract = await getContract(req.ctx, idOf(req))
    if (!EDITABLE_STATUSES.includes(contract.status))
      return reply.redirect(`/contracts/${encodeURIComponent(contract.id)}`, 303)
    return editPage(req, reply, contract, formValuesOf(contract, req.locale), undefined, BLANK_PARAMETER_ROWS)
  })

  app.post('/:id', { config: MANAGE }, async (req, reply) => {
    const contract = await getContract(req.ctx, idOf(req))
    const company = await services.settings.get('company')
    const { values, input, rowIndex, errors } = await readForm(
      req,
      contract.amount?.currency ?? company.defaultCurrency,
    )
    if (formData(req.body).add_param_row) return editPage(req, reply, contract, values, undefined, 1)
    if (errors) return editPage(req, reply, contract, values, errors)
    try {
      const saved = await updateContract(req.ctx, contract.id, Number(values.version), input)
      setFlash(reply, 'success', req.t('contracts.saved_flash', { number: saved.number }))
      return reply.redirect(`/contracts/${encodeURIComponent(saved.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError)
        return editPage(req, reply, contract, values, errorsOnRows(err.fields, rowIndex))
      if (err instanceof ConflictError) {
        // Keep what this user typed, but against the version now stored, so a second save is a choice.
        const current = await getContract(req.ctx, contract.id)
        return editPage(
          req,
          reply,
          current,
          { ...values, version: String(current.version) },
          { version: 'contracts.error.stale_form' },
        )
      }
      throw err
    }
  })

  app.post('/:id/status', { config: MANAGE }, async (req, reply) => {
    const f = formData(req.body)
    const version = f.version ? Number(f.version) : undefined
    const changed = await changeContractStatus(req.ctx, idOf(req), f.to ?? '', {
      comment: f.comment,
      version: Number.isFinite(version) ? version : -1,
    })
    setFlash(
      reply,
      'success',
      req.t('contracts.status_flash', { number: changed.number, status: req.t(`contracts.status.${changed.status}`) }),
    )
    return reply.redirect(`/contracts/${encodeURIComponent(changed.id)}`, 303)
  })

  app.post('/:id/scan', { config: MANAGE }, async (req, reply) => {
    // Out of scope answers 404 before a byte of the upload is read.
    const contract = await getContract(req.ctx, idOf(req))
    try {
      const part = req.isMultipart() ? await req.file() : undefined
      if (!part?.filename) {
        part?.file.resume()
        throw new ValidationError({ scan: 'contracts.scan_required' })
      }
      await uploadContractScan(req.ctx, contract.id, part.file)
    } catch (err) {
      const fields = scanUploadErrors(err)
      if (!fields) throw err
      return detailPage(req, reply, await getContract(req.ctx, contract.id), fields)
    }
    setFlash(reply, 'success', req.t('contracts.scan_uploaded_flash', { number: contract.number }))
    return reply.redirect(`/contracts/${encodeURIComponent(contract.id)}`, 303)
  })

  app.get('/:id/scan', { config: READ_ANY }, async (req, reply) =>
    sendScan(reply, await contractScanFile(req.ctx, idOf(req))),
  )
}
