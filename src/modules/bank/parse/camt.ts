// ISO 20022 camt.053 / camt.054 / camt.052 (formats.md §2). Parsed by LOCAL element names only;
// versions .001.02 … .001.13 differ in wrapping (Sts/Cd, Pty/Nm, BIC/BICFI) and are read as a union.

import iconv from 'iconv-lite'
import { fromXsDate } from './dates.js'
import { decode, hasUtf8Bom, lineEndingOf } from './encoding.js'
import { currencyExponent, normalizeCurrency, parseMinor } from './money.js'
import { accountKey, fail, keyOf, makeTransaction, OccurrenceCounter } from './normalize.js'
import type {
  Direction,
  NormalizedTransaction,
  ParseMeta,
  ParseResult,
  SkippedEntry,
  StatementSummary,
} from './types.js'
import { at, child, childrenNamed, declaredXmlEncoding, parseXml, textAt, type XNode } from './xml.js'

type CamtFormat = 'camt.053' | 'camt.054' | 'camt.052'

const CONTAINERS: Record<string, { group: string; item: string }> = {
  'camt.053': { group: 'BkToCstmrStmt', item: 'Stmt' },
  'camt.054': { group: 'BkToCstmrDbtCdtNtfctn', item: 'Ntfctn' },
  'camt.052': { group: 'BkToCstmrAcctRpt', item: 'Rpt' },
}

export function decodeXml(bytes: Buffer): { text: string; encoding: string; bom: boolean } {
  if (hasUtf8Bom(bytes)) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8', bom: true }
  const declared = declaredXmlEncoding(bytes.subarray(0, 200).toString('latin1'))
  if (declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared)) {
    return { text: decode(bytes, declared), encoding: declared.toLowerCase(), bom: false }
  }
  return { text: bytes.toString('utf8'), encoding: 'utf-8', bom: false }
}

/** Finds the ISO 20022 Document: the root, or one wrapped in an envelope (AppHdr wrappers). */
function findDocument(root: XNode, group: string): XNode | null {
  if (child(root, group)) return root
  const queue: { n: XNode; depth: number }[] = [{ n: root, depth: 0 }]
  while (queue.length) {
    const { n, depth } = queue.shift() as { n: XNode; depth: number }
    if (n.name === 'Document' && child(n, group)) return n
    if (depth < 4) for (const c of n.children ?? []) queue.push({ n: c, depth: depth + 1 })
  }
  return null
}

interface PartDraft {
  amount: number
  k: number
  btid: string | null
  e2e: string | null
  dbtr: Party
  cdtr: Party
  reference: string | null
  purpose: string | null
}

interface EntryDraft {
  path: string
  status: string | null
  acctSvcrRef: string | null
  amount: number
  ccy: string | null
  direction: Direction
  isReversal: boolean
  date: string | null
  valueDate: string | null
  parts: PartDraft[]
}

export function parseCamt(bytes: Buffer, format: CamtFormat): ParseResult {
  const { text, encoding, bom } = decodeXml(bytes)
  const { group, item } = CONTAINERS[format] as { group: string; item: string }
  // entries are read as soon as they close and dropped from the tree: 100k-entry statements
  // then cost memory per entry, not per file
  const drafts = new Map<XNode, EntryDraft[]>()
  const stmtIndex = new Map<XNode, number>()
  const { root } = parseXml(text, {
    onClose(node, parent, grand) {
      if (node.name !== 'Ntry' || parent.name !== item || grand?.name !== group) return false
      let list = drafts.get(parent)
      if (!list) {
        list = []
        drafts.set(parent, list)
        stmtIndex.set(parent, childrenNamed(grand, item).length)
      }
      list.push(
        readEntry(node, parent, `/Document/${group}/${item}[${stmtIndex.get(parent)}]/Ntry[${list.length + 1}]`),
      )
      return true
    },
  })
  const doc = findDocument(root, group)
  if (!doc) fail('malformed', `/${root.name}: no ${group} element found`, { path: `/${root.name}` })
  const ns = doc.ns ?? ''
  const version = /camt\.\d{3}\.\d{3}\.\d{2}/.exec(ns)?.[0] ?? null
  const meta: ParseMeta = { encoding, bom, lineEnding: lineEndingOf(text), formatVersion: version }
  const warnings: string[] = []
  const groupNode = child(doc, group) as XNode
  const basePath = `/${doc.name}/${group}`

  const statements: StatementSummary[] = []
  const skippedEntries: SkippedEntry[] = []
  const transactions: NormalizedTransaction[] = []
  const items = childrenNamed(groupNode, item)
  for (let si = 0; si < items.length; si++) {
    const stmt = items[si] as XNode
    const sPath = `${basePath}/${item}[${si + 1}]`
    const ownAccount = textAt(stmt, 'Acct', 'Id', 'IBAN') ?? textAt(stmt, 'Acct', 'Id', 'Othr', 'Id')
    if (!ownAccount) fail('malformed', `${sPath}/Acct: statement without account id`, { path: `${sPath}/Acct` })
    const acctCcy = normalizeCurrency(textAt(stmt, 'Acct', 'Ccy'))
    let opening: { amount: number; ccy: string | null } | null = null
    let closing: { amount: number; ccy: string | null } | null = null
    const bals = childrenNamed(stmt, 'Bal')
    for (let bi = 0; bi < bals.length; bi++) {
      const bal = bals[bi] as XNode
      const code = textAt(bal, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(bal, 'Tp', 'CdOrPrtry', 'Prtry')
      if (code !== 'OPBD' && code !== 'CLBD') continue
      const bPath = `${sPath}/Bal[${bi + 1}]/Amt`
      const amt = amountOf(child(bal, 'Amt'), acctCcy, bPath)
      const ind = textAt(bal, 'CdtDbtInd')
      const signed = ind === 'DBIT' ? -amt.amount : amt.amount
      const v = { amount: signed === 0 ? 0 : signed, ccy: amt.ccy }
      if (code === 'OPBD' && !opening) opening = v
      if (code === 'CLBD') closing = v
    }
    const entries = drafts.get(stmt) ?? []
    const stmtCcy = acctCcy ?? opening?.ccy ?? closing?.ccy ?? entries[0]?.ccy ?? null
    statements.push({
      statementId: textAt(stmt, 'Id'),
      account: ownAccount,
      currency: stmtCcy,
      openingBalance: opening ? opening.amount : null,
      closingBalance: closing ? closing.amount : null,
    })
    const containerDate =
      fromXsDate(textAt(stmt, 'CreDtTm') ?? '') ?? fromXsDate(textAt(groupNode, 'GrpHdr', 'CreDtTm') ?? '')
    const counter = new OccurrenceCounter()
    const ownKey = accountKey(ownAccount)
    let net = 0
    for (const e of entries) {
      if (e.status !== 'BOOK') {
        skippedEntries.push({ acctSvcrRef: e.acctSvcrRef, status: e.status })
        continue
      }
      const currency = e.ccy ?? stmtCcy
      if (!currency) fail('malformed', `${e.path}/Amt: no currency (Ccy) for the entry`, { path: `${e.path}/Amt` })
      const date = e.date ?? containerDate
      if (!date) fail('invalid_date', `${e.path}: no BookgDt, ValDt or CreDtTm to date the entry`, { path: e.path })
      net += e.direction === 'in' ? e.amount : -e.amount
      for (const part of e.parts) {
        const cp = counterparty(part, e.direction, e.isReversal, ownKey)
        const dedupKey = part.btid
          ? keyOf(['camt', ownAccount, currency, part.btid])
          : counter.next(keyOf(['camt', ownAccount, currency, date, e.direction, part.amount, part.e2e]))
        transactions.push(
          makeTransaction({
            ownAccount,
            date,
            valueDate: e.valueDate,
            documentDate: null,
            amount: part.amount,
            currency,
            direction: e.direction,
            counterpartyName: cp.name,
            counterpartyTaxId: cp.taxId,
            counterpartyAccount: cp.account,
            counterpartyBankId: cp.bankId,
            reference: part.reference,
            purpose: part.purpose,
            bankTransactionId: part.btid,
            isReversal: e.isReversal,
            dedupKey,
          }),
        )
      }
    }
    if (
      opening &&
      closing &&
      opening.ccy === closing.ccy &&
      (!stmtCcy || opening.ccy === stmtCcy) &&
      opening.amount + net !== closing.amount
    ) {
      warnings.push(`${sPath}: opening balance + booked entries ≠ closing balance`)
    }
  }
  if (items.length === 0) warnings.push(`${basePath}: no ${item} element`)
  if (warnings.length) meta.warnings = warnings
  return { format, meta, statements, skippedEntries, transactions }
}

/** Everything an entry contributes that does not depend on statement-level data. */
function readEntry(ntry: XNode, stmt: XNode, ePath: string): EntryDraft {
  const status = entryStatus(ntry)
  const acctSvcrRef = textAt(ntry, 'AcctSvcrRef')
  const draft: EntryDraft = {
    path: ePath,
    status,
    acctSvcrRef,
    amount: 0,
    ccy: null,
    direction: 'in',
    isReversal: false,
    date: null,
    valueDate: null,
    parts: [],
  }
  if (status !== 'BOOK') return draft
  const amtNode = child(ntry, 'Amt')
  // the account currency is only needed when the amount lacks its (mandatory) Ccy attribute
  const acctCcy = amtNode?.attrs?.Ccy ? null : normalizeCurrency(textAt(stmt, 'Acct', 'Ccy'))
  const amt = amountOf(amtNode, acctCcy, `${ePath}/Amt`)
  draft.amount = amt.amount
  draft.ccy = amt.ccy
  const ind = textAt(ntry, 'CdtDbtInd')
  if (ind !== 'CRDT' && ind !== 'DBIT') {
    fail('malformed', `${ePath}/CdtDbtInd: expected CRDT or DBIT, found ${ind ?? 'nothing'}`, {
      path: `${ePath}/CdtDbtInd`,
    })
  }
  draft.direction = ind === 'CRDT' ? 'in' : 'out'
  const rv = textAt(ntry, 'RvslInd')
  draft.isReversal = rv === 'true' || rv === '1'
  draft.date = entryDate(ntry, ePath)
  const valRaw = textAt(ntry, 'ValDt', 'Dt') ?? textAt(ntry, 'ValDt', 'DtTm')
  draft.valueDate = valRaw == null ? null : fromXsDate(valRaw)
  if (valRaw != null && !draft.valueDate)
    fail('invalid_date', `${ePath}/ValDt: ${valRaw} is not a valid date`, { path: `${ePath}/ValDt` })
  const txds: XNode[] = []
  for (const nd of childrenNamed(ntry, 'NtryDtls')) for (const t of childrenNamed(nd, 'TxDtls')) txds.push(t)
  const split = txds.length > 1 && amt.ccy ? splitAmounts(txds, amt.ccy, amt.amount) : null
  const list: { tx: XNode | null; amount: number; k: number }[] = split
    ? txds.map((tx, k) => ({ tx, amount: split[k] as number, k: k + 1 }))
    : [{ tx: txds[0] ?? null, amount: amt.amount, k: 0 }]
  for (const p of list) {
    const tx = p.tx
    const e2e = textAt(tx, 'Refs', 'EndToEndId')
    draft.parts.push({
      amount: p.amount,
      k: p.k,
      btid: textAt(tx, 'Refs', 'AcctSvcrRef') ?? (acctSvcrRef ? (split ? `${acctSvcrRef}#${p.k}` : acctSvcrRef) : null),
      e2e,
      dbtr: partyOf(tx, 'Dbtr'),
      cdtr: partyOf(tx, 'Cdtr'),
      reference: referenceOf(tx, e2e),
      purpose: purposeOf(tx, ntry),
    })
  }
  return draft
}

function amountOf(
  node: XNode | null,
  fallbackCcy: string | null,
  path: string,
): { amount: number; ccy: string | null } {
  if (!node) fail('invalid_amount', `${path}: amount missing`, { path })
  const ccy = normalizeCurrency(node.attrs?.Ccy) ?? fallbackCcy
  const raw = node.text.trim()
  const v = parseMinor(raw, currencyExponent(ccy ?? ''), '.')
  if (v == null) fail('invalid_amount', `${path}: "${raw}" is not a valid amount${ccy ? ` in ${ccy}` : ''}`, { path })
  return { amount: v, ccy }
}

function entryStatus(ntry: XNode): string | null {
  const sts = child(ntry, 'Sts')
  if (!sts) return null
  return textAt(sts, 'Cd') ?? textAt(sts, 'Prtry') ?? textAt(sts)
}

function entryDate(ntry: XNode, ePath: string): string | null {
  for (const el of ['BookgDt', 'ValDt'] as const) {
    const raw = textAt(ntry, el, 'Dt') ?? textAt(ntry, el, 'DtTm')
    if (raw != null) {
      const d = fromXsDate(raw)
      if (!d) fail('invalid_date', `${ePath}/${el}: ${raw} is not a valid date`, { path: `${ePath}/${el}` })
      return d
    }
  }
  return null
}

/** §2.3 step 6: per-TxDtls amounts in the entry currency that add up to the entry amount. */
function splitAmounts(txds: XNode[], currency: string, total: number): number[] | null {
  const out: number[] = []
  let sum = 0
  const exp = currencyExponent(currency)
  for (const tx of txds) {
    const cands = [child(tx, 'Amt'), at(tx, 'AmtDtls', 'TxAmt', 'Amt'), at(tx, 'AmtDtls', 'InstdAmt', 'Amt')]
    let v: number | null = null
    for (const c of cands) {
      if (!c) continue
      const ccy = normalizeCurrency(c.attrs?.Ccy)
      if (ccy && ccy !== currency) continue
      v = parseMinor(c.text, exp, '.')
      if (v != null) break
    }
    if (v == null || v <= 0) return null
    out.push(v)
    sum += v
  }
  return sum === total ? out : null
}

interface Party {
  name: string | null
  taxId: string | null
  account: string | null
  bankId: string | null
}

const HU_TAX = /^\d{8}-[1-5]-\d{2}$/

function partyOf(tx: XNode | null, role: 'Dbtr' | 'Cdtr'): Party {
  const rp = child(tx, 'RltdPties')
  const p = child(rp, role)
  const pty = child(p, 'Pty') ?? p
  const acct = child(rp, `${role}Acct`)
  const account = textAt(acct, 'Id', 'IBAN') ?? textAt(acct, 'Id', 'Othr', 'Id')
  const agent = at(tx, 'RltdAgts', `${role}Agt`, 'FinInstnId')
  const bankId = textAt(agent, 'BICFI') ?? textAt(agent, 'BIC')
  return {
    name: textAt(pty, 'Nm') ?? textAt(p, 'Agt', 'FinInstnId', 'Nm'),
    taxId: taxIdOf(pty),
    account,
    bankId,
  }
}

function taxIdOf(pty: XNode | null): string | null {
  const id = child(pty, 'Id')
  if (!id) return null
  const others: XNode[] = [...childrenNamed(child(id, 'OrgId'), 'Othr'), ...childrenNamed(child(id, 'PrvtId'), 'Othr')]
  for (const o of others) if (textAt(o, 'SchmeNm', 'Cd') === 'TXID' && textAt(o, 'Id')) return textAt(o, 'Id')
  for (const o of others) {
    const v = textAt(o, 'Id')
    if (v && HU_TAX.test(v)) return v
  }
  return null
}

/** §2.3 step 7: Dbtr for money in, Cdtr for money out, swapped for reversals; never our own account. */
function counterparty(part: PartDraft, direction: Direction, isReversal: boolean, ownKey: string): Party {
  let useDbtr = direction === 'in'
  if (isReversal) useDbtr = !useDbtr
  let p = useDbtr ? part.dbtr : part.cdtr
  if (p.account && ownKey && accountKey(p.account) === ownKey) p = useDbtr ? part.cdtr : part.dbtr
  return p
}

function referenceOf(tx: XNode | null, e2e: string | null): string | null {
  if (e2e && e2e !== 'NOTPROVIDED') return e2e
  for (const strd of childrenNamed(child(tx, 'RmtInf'), 'Strd')) {
    const r = textAt(strd, 'CdtrRefInf', 'Ref')
    if (r) return r
  }
  return textAt(tx, 'Refs', 'InstrId')
}

function purposeOf(tx: XNode | null, ntry: XNode): string | null {
  const rmt = child(tx, 'RmtInf')
  const ustrd: string[] = []
  for (const u of childrenNamed(rmt, 'Ustrd')) {
    const t = textAt(u)
    if (t) ustrd.push(t)
  }
  if (ustrd.length) return ustrd.join(' ')
  for (const strd of childrenNamed(rmt, 'Strd')) {
    const a = textAt(strd, 'AddtlRmtInf')
    if (a) return a
  }
  return textAt(tx, 'AddtlTxInf') ?? textAt(ntry, 'AddtlNtryInf')
}
