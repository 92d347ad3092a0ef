// 1C CommerceML 2.x/3.x content (formats.md §4.2–§4.4): counterparties and trade documents.
// Local names only: 1C 8 writes a default namespace, sites write none.
import { decodeXml } from './camt.js'
import { fromXsDate } from './dates.js'
import { lineEndingOf } from './encoding.js'
import { currencyExponent, normalizeCurrency, parseMinor } from './money.js'
import { clean, fail, keyOf } from './normalize.js'
import type { CmlCounterparty, CmlDocument, CmlDocumentLine, ParseMeta, ParseResult } from './types.js'
import { child, childrenNamed, parseXml, textAt, type XNode } from './xml.js'

export function parseCommerceMl(bytes: Buffer): ParseResult {
  const { text, encoding, bom } = decodeXml(bytes)
  const { root } = parseXml(text)
  if (root.name !== 'КоммерческаяИнформация')
    fail('unknown_format', `/${root.name}: not a CommerceML document`, { path: `/${root.name}` })
  const rootPath = '/КоммерческаяИнформация'
  const meta: ParseMeta = {
    encoding,
    bom,
    lineEnding: lineEndingOf(text),
    schemaVersion: clean(root.attrs?.ВерсияСхемы),
    namespace: root.ns,
  }
  const byId = new Map<string, CmlCounterparty>()
  const counterparties: CmlCounterparty[] = []
  const addParty = (n: XNode) => {
    const cp = normalizeParty(n)
    if (cp.id != null) {
      const known = byId.get(cp.id)
      if (known) {
        // the same Ид again (e.g. the short copy inside a document): fill in, never erase
        const merged = mergeParty(known, cp)
        counterparties[counterparties.indexOf(known)] = merged
        byId.set(cp.id, merged)
        return
      }
      byId.set(cp.id, cp)
    }
    counterparties.push(cp)
  }
  const documents: CmlDocument[] = []
  const docNodes: { node: XNode; path: string }[] = []
  let di = 0
  let ci = 0
  for (const c of root.children ?? []) {
    if (c.name === 'Документ') docNodes.push({ node: c, path: `${rootPath}/Документ[${++di}]` })
    else if (c.name === 'Контейнер') {
      ci++
      let k = 0
      for (const d of childrenNamed(c, 'Документ'))
        docNodes.push({ node: d, path: `${rootPath}/Контейнер[${ci}]/Документ[${++k}]` })
    } else if (c.name === 'Контрагенты') {
      for (const p of childrenNamed(c, 'Контрагент')) addParty(p)
    } else if (c.name === 'Классификатор' || c.name === 'Каталог' || c.name === 'ПакетПредложений') {
      const owner = child(c, 'Владелец')
      if (owner) addParty(owner)
    }
  }
  for (const { node, path } of docNodes) {
    const parties = childrenNamed(child(node, 'Контрагенты'), 'Контрагент')
    for (const p of parties) addParty(p)
    documents.push(normalizeDocument(node, parties, path))
  }
  return { format: 'commerceml', meta, transactions: [], counterparties, documents }
}

function mergeParty(a: CmlCounterparty, b: CmlCounterparty): CmlCounterparty {
  const fullName = b.fullName ?? a.fullName
  const taxId = b.taxId ?? a.taxId
  return {
    id: a.id,
    kind: b.kind === 'person' ? a.kind : b.kind,
    name: b.name ?? a.name,
    fullName,
    taxId,
    kpp: b.kpp ?? a.kpp,
    accounts: b.accounts.length ? b.accounts : a.accounts,
    email: b.email ?? a.email,
    phone: b.phone ?? a.phone,
    deleted: a.deleted || b.deleted,
  }
}

function normalizeParty(n: XNode): CmlCounterparty {
  const official = textAt(n, 'ОфициальноеНаименование')
  const inn = textAt(n, 'ИНН')
  const kind: CmlCounterparty['kind'] = official ? 'legal' : inn && /^\d{12}$/.test(inn) ? 'sole_proprietor' : 'person'
  const accounts = childrenNamed(child(n, 'РасчетныеСчета'), 'РасчетныйСчет').map((a) => {
    const bank = child(a, 'Банк')
    return {
      number: textAt(a, 'НомерСчета'),
      bic: textAt(bank, 'БИК') ?? textAt(bank, 'SWIFT'),
      bankName: textAt(bank, 'Наименование'),
      corrAccount: textAt(bank, 'СчетКорреспондентский'),
    }
  })
  let email: string | null = null
  let phone: string | null = null
  for (const c of childrenNamed(child(n, 'Контакты'), 'Контакт')) {
    const type = textAt(c, 'Тип') ?? ''
    const value = textAt(c, 'Значение')
    if (!value) continue
    if (!email && type === 'Электронная почта') email = value
    if (!phone && type.startsWith('Телефон')) phone = value
  }
  return {
    id: textAt(n, 'Ид'),
    kind,
    name: textAt(n, 'Наименование'),
    fullName: official ?? textAt(n, 'ПолноеНаименование'),
    taxId: inn,
    kpp: textAt(n, 'КПП'),
    accounts,
    email,
    phone,
    deleted: textAt(n, 'ПометкаУдаления') === 'true',
  }
}

function quantityOf(raw: string | null): number | null {
  return raw != null && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : null
}

function money(node: XNode | null, currency: string | null, path: string): number | null {
  const raw = textAt(node)
  if (raw == null) return null
  const v = parseMinor(raw, currencyExponent(currency ?? ''), '.')
  if (v == null) fail('invalid_amount', `${path}: "${raw}" is not a valid amount`, { path })
  return v
}

function normalizeDocument(d: XNode, parties: XNode[], path: string): CmlDocument {
  const currency = normalizeCurrency(textAt(d, 'Валюта'))
  const role = textAt(d, 'Роль')
  const dateOf = (name: string): string | null => {
    const raw = textAt(d, name)
    if (raw == null) return null
    const iso = fromXsDate(raw)
    if (!iso) fail('invalid_date', `${path}/${name}: "${raw}" is not a valid date`, { path: `${path}/${name}` })
    return iso
  }
  const cp = parties.find((p) => textAt(p, 'Роль') !== role) ?? parties[0] ?? null
  const requisites: { name: string; value: string | null }[] = []
  for (const r of childrenNamed(child(d, 'ЗначенияРеквизитов'), 'ЗначениеРеквизита')) {
    const name = textAt(r, 'Наименование')
    if (name) requisites.push({ name, value: textAt(r, 'Значение') })
  }
  const req = (name: string) => requisites.find((r) => r.name === name)?.value ?? null
  const postedRaw = req('Проведен')
  const lines: CmlDocumentLine[] = childrenNamed(child(d, 'Товары'), 'Товар').map((t, i) => {
    const lp = `${path}/Товары/Товар[${i + 1}]`
    return {
      productId: textAt(t, 'Ид'),
      name: textAt(t, 'Наименование'),
      quantity: quantityOf(textAt(t, 'Количество')),
      price: money(child(t, 'ЦенаЗаЕдиницу') ?? child(t, 'Цена'), currency, `${lp}/ЦенаЗаЕдиницу`),
      amount: money(child(t, 'Сумма'), currency, `${lp}/Сумма`),
    }
  })
  const operation = textAt(d, 'ХозОперация')
  const id = textAt(d, 'Ид')
  return {
    id,
    number: textAt(d, 'Номер'),
    date: dateOf('Дата'),
    time: textAt(d, 'Время'),
    operation,
    ourRole: role === 'Продавец' ? 'seller' : role === 'Покупатель' ? 'buyer' : null,
    currency,
    amount: money(child(d, 'Сумма'), currency, `${path}/Сумма`),
    dueDate: dateOf('СрокПлатежа'),
    counterpartyId: textAt(cp, 'Ид'),
    counterpartyName:
      textAt(cp, 'Наименование') ?? textAt(cp, 'ОфициальноеНаименование') ?? textAt(cp, 'ПолноеНаименование'),
    counterpartyTaxId: textAt(cp, 'ИНН'),
    counterpartyKpp: textAt(cp, 'КПП'),
    counterpartyRole: textAt(cp, 'Роль'),
    posted: postedRaw == null ? null : postedRaw === 'true',
    deleted: textAt(d, 'ПометкаУдаления') === 'true' || req('ПометкаУдаления') === 'true',
    lines,
    requisites,
    dedupKey: keyOf(['cml', operation, id]),
  }
}
