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

export function parseCamt(bytes: Buffer, format: CamtFormat): ParseResult {
  const { text, encoding, bom } = decodeXml(bytes)
  const { root } = parseXml(text)
  const { group, item } = CONTAINERS[format] as { group: string; item: string }
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
    const entries = childrenNamed(stmt, 'Ntry')
    const stmtCcy =
      acctCcy ?? opening?.ccy ?? closing?.ccy ?? normalizeCurrency(child(entries[0], 'Amt')?.attrs?.Ccy) ?? null
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
    for (let ei = 0; ei < entries.length; ei++) {
      const ntry = entries[ei] as XNode
      const ePath = `${sPath}/Ntry[${ei + 1}]`
      const status = entryStatus(ntry)
      if (status !== 'BOOK') {
        skippedEntries.push({ acctSvcrRef: textAt(ntry, 'AcctSvcrRef'), status })
        continue
      }
      const amt = amountOf(child(ntry, 'Amt'), acctCcy, `${ePath}/Amt`)
      const currency = amt.ccy ?? stmtCcy
      if (!currency) fail('malformed', `${ePath}/Amt: no currency (Ccy) for the entry`, { path: `${ePath}/Amt` })
      const ind = textAt(ntry, 'CdtDbtInd')
      if (ind !== 'CRDT' && ind !== 'DBIT') {
        fail('malformed', `${ePath}/CdtDbtInd: expected CRDT or DBIT, found ${ind ?? 'nothing'}`, {
          path: `${ePath}/CdtDbtInd`,
        })
      }
      const direction: Direction = ind === 'CRDT' ? 'in' : 'out'
      const rv = textAt(ntry, 'RvslInd')
      const isReversal = rv === 'true' || rv === '1'
      const date = entryDate(ntry, containerDate, ePath)
      const valRaw = textAt(ntry, 'ValDt', 'Dt') ?? textAt(ntry, 'ValDt', 'DtTm')
      const valueDate = valRaw == null ? null : fromXsDate(valRaw)
      if (valRaw != null && !valueDate)
        fail('invalid_date', `${ePath}/ValDt: ${valRaw} is not a valid date`, { path: `${ePath}/ValDt` })
      const ntryRef = textAt(ntry, 'AcctSvcrRef')
      const txds: XNode[] = []
      for (const nd of childrenNamed(ntry, 'NtryDtls')) for (const t of childrenNamed(nd, 'TxDtls')) txds.push(t)
      net += direction === 'in' ? amt.amount : -amt.amount

      const split = txds.length > 1 ? splitAmounts(txds, currency, amt.amount) : null
      const parts: { tx: XNode | null; amount: number; k: number }[] = split
        ? txds.map((tx, k) => ({ tx, amount: split[k] as number, k: k + 1 }))
        : [{ tx: txds[0] ?? null, amount: amt.amount, k: 0 }]
      for (const part of parts) {
        const tx = part.tx
        const btid = textAt(tx, 'Refs', 'AcctSvcrRef') ?? (ntryRef ? (split ? `${ntryRef}#${part.k}` : ntryRef) : null)
        const cp = counterparty(tx, direction, isReversal, ownKey)
        const e2e = textAt(tx, 'Refs', 'EndToEndId')
        const dedupKey = btid
          ? keyOf(['camt', ownAccount, currency, btid])
          : counter.next(keyOf(['camt', ownAccount, currency, date, direction, part.amount, e2e]))
        transactions.push(
          makeTransaction({
            ownAccount,
            date,
            valueDate,
            documentDate: null,
            amount: part.amount,
            currency,
            direction,
            counterpartyName: cp.name,
            counterpartyTaxId: cp.taxId,
            counterpartyAccount: cp.account,
            counterpartyBankId: cp.bankId,
            reference: referenceOf(tx, e2e),
            purpose: purposeOf(tx, ntry),
            bankTransactionId: btid,
            isReversal,
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

function entryDate(ntry: XNode, containerDate: string | null, ePath: string): string {
  for (const [el, path] of [
    ['BookgDt', `${ePath}/BookgDt`],
    ['ValDt', `${ePath}/ValDt`],
  ] as const) {
    const raw = textAt(ntry, el, 'Dt') ?? textAt(ntry, el, 'DtTm')
    if (raw != null) {
      const d = fromXsDate(raw)
      if (!d) fail('invalid_date', `${path}: ${raw} is not a valid date`, { path })
      return d
    }
  }
  if (!containerDate) fail('invalid_date', `${ePath}: no BookgDt, ValDt or CreDtTm to date the entry`, { path: ePath })
  return containerDate
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

function partyOf(tx: XNode | null, role: 'Dbtr' | 'Cdtr'): Party & { present: boolean } {
  const rp = child(tx, 'RltdPties')
  const p = child(rp, role)
  const pty = child(p, 'Pty') ?? p
  const acct = child(rp, `${role}Acct`)
  const account = textAt(acct, 'Id', 'IBAN') ?? textAt(acct, 'Id', 'Othr', 'Id')
  const agent = at(tx, 'RltdAgts', `${role}Agt`, 'FinInstnId')
  const bankId = textAt(agent, 'BICFI') ?? textAt(agent, 'BIC')
  return {
    present: Boolean(p || acct),
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
function counterparty(tx: XNode | null, direction: Direction, isReversal: boolean, ownKey: string): Party {
  let role: 'Dbtr' | 'Cdtr' = direction === 'in' ? 'Dbtr' : 'Cdtr'
  if (isReversal) role = role === 'Dbtr' ? 'Cdtr' : 'Dbtr'
  let p = partyOf(tx, role)
  if (p.account && ownKey && accountKey(p.account) === ownKey) p = partyOf(tx, role === 'Dbtr' ? 'Cdtr' : 'Dbtr')
  return { name: p.name, taxId: p.taxId, account: p.account, bankId: p.bankId }
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
