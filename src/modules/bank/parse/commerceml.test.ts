import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseFixture, parseText } from './parse.test-kit.js'

test('site order (windows-1251, no namespace, Валюта=руб): document, lines and counterparty', () => {
  const r = parseFixture('commerceml/carono_orders_from_site_cp1251.xml')
  assert.equal(r.format, 'commerceml')
  assert.equal(r.meta.encoding, 'windows-1251')
  assert.equal(r.meta.schemaVersion, '2.03')
  assert.equal(r.meta.namespace, null)
  assert.deepEqual(r.transactions, [])
  assert.deepEqual(r.counterparties, [
    {
      id: '1#admin# admin',
      kind: 'person',
      name: 'admin',
      fullName: 'admin',
      taxId: null,
      kpp: null,
      accounts: [],
      email: null,
      phone: null,
      deleted: false,
    },
  ])
  const d = r.documents?.[0]
  assert.ok(d)
  assert.equal(d.id, '36')
  assert.equal(d.operation, 'Заказ товара')
  assert.equal(d.ourRole, 'seller')
  assert.equal(d.currency, 'RUB')
  assert.equal(d.amount, 673447)
  assert.equal(d.counterpartyId, '1#admin# admin')
  assert.equal(d.counterpartyRole, 'Покупатель')
  assert.equal(d.posted, null)
  assert.equal(d.lines.length, 2)
  assert.deepEqual(d.lines[0], {
    productId: 'ORDER_DELIVERY',
    name: 'Доставка заказа',
    quantity: 1,
    price: 34000,
    amount: 34000,
  })
  assert.equal(
    d.lines.reduce((s, l) => s + (l.amount ?? 0), 0),
    d.amount,
  )
  assert.equal(d.requisites.find((x) => x.name === 'Статус заказа')?.value, '[N] Принят')
  assert.equal(d.dedupKey, 'cml|Заказ товара|36')
})

test('Bitrix query response: 4-decimal amounts, several documents; the empty answer has none', () => {
  const r = parseFixture('commerceml/dobromyslov_bitrix-query-response-full.xml')
  assert.equal(r.meta.schemaVersion, '2.05')
  const docs = r.documents ?? []
  assert.ok(docs.length >= 2)
  assert.equal(docs[0]?.amount, 23174)
  assert.equal(docs[1]?.amount, 1438058)
  for (const d of docs)
    assert.equal(
      d.lines.reduce((s, l) => s + (l.amount ?? 0), 0),
      d.amount,
      `document ${d.id}`,
    )
  assert.equal(docs[0]?.requisites.find((x) => x.name === 'Дата изменения статуса')?.value, '11.02.2021 18:45:21')
  const empty = parseFixture('commerceml/dobromyslov_bitrix-query-response-empty.xml')
  assert.equal(empty.error, undefined)
  assert.deepEqual(empty.documents, [])
  assert.deepEqual(empty.counterparties, [])
})

test('1C catalogs (UTF-8 BOM, default namespace): the owner is the counterparty; legal entity by official name', () => {
  const a = parseFixture('commerceml/carono_import.xml')
  assert.equal(a.meta.bom, true)
  assert.equal(a.meta.namespace, 'urn:1C.ru:commerceml_2')
  assert.equal(a.counterparties?.[0]?.name, 'Cтройснаб')
  assert.equal(a.counterparties?.[0]?.kpp, '772301001')
  assert.equal(a.counterparties?.[0]?.kind, 'person')
  const b = parseFixture('commerceml/dobromyslov_import0_1.xml')
  assert.deepEqual(b.counterparties, [
    {
      id: 'e23f663b-18fc-11e7-80c2-0cc47ab29cd1',
      kind: 'legal',
      name: 'Рога и Копыта ООО',
      fullName: 'Рога и Копыта ООО',
      taxId: '2500000000',
      kpp: '250000000',
      accounts: [],
      email: null,
      phone: null,
      deleted: false,
    },
  ])
  assert.deepEqual(b.documents, [])
})

test('CommerceML 3.1 containers, top-level counterparties, contacts, accounts, posted/deleted flags, bad amounts', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<c:КоммерческаяИнформация xmlns:c="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1">
  <c:Контрагенты СодержитТолькоИзменения="true"><c:Контрагент><c:Ид>g1</c:Ид><c:Наименование>ИП Петров</c:Наименование>
    <c:ИНН>500100732259</c:ИНН><c:ПометкаУдаления>true</c:ПометкаУдаления>
    <c:РасчетныеСчета><c:РасчетныйСчет><c:НомерСчета>40802810000000000001</c:НомерСчета><c:Банк><c:Наименование>Банк</c:Наименование><c:БИК>044525225</c:БИК><c:СчетКорреспондентский>30101810400000000225</c:СчетКорреспондентский></c:Банк></c:РасчетныйСчет></c:РасчетныеСчета>
    <c:Контакты><c:Контакт><c:Тип>Телефон рабочий</c:Тип><c:Значение>+7 495 000</c:Значение></c:Контакт><c:Контакт><c:Тип>Электронная почта</c:Тип><c:Значение>p@example.ru</c:Значение></c:Контакт></c:Контакты>
  </c:Контрагент></c:Контрагенты>
  <c:Контейнер><c:Документ><c:Ид>d1</c:Ид><c:Номер>7</c:Номер><c:Дата>2024-05-01</c:Дата><c:ХозОперация>Счет на оплату</c:ХозОперация><c:Роль>Покупатель</c:Роль>
    <c:Валюта>643</c:Валюта><c:Сумма>10.5</c:Сумма><c:СрокПлатежа>2024-05-10</c:СрокПлатежа>
    <c:Контрагенты><c:Контрагент><c:Ид>g1</c:Ид><c:Наименование>ИП Петров</c:Наименование><c:ИНН>500100732259</c:ИНН><c:Роль>Продавец</c:Роль></c:Контрагент></c:Контрагенты>
    <c:ЗначенияРеквизитов><c:ЗначениеРеквизита><c:Наименование>Проведен</c:Наименование><c:Значение>true</c:Значение></c:ЗначениеРеквизита></c:ЗначенияРеквизитов>
  </c:Документ></c:Контейнер>
</c:КоммерческаяИнформация>`
  const r = parseText(xml)
  assert.equal(r.error, undefined)
  assert.equal(r.counterparties?.length, 1)
  const cp = r.counterparties?.[0]
  assert.equal(cp?.kind, 'sole_proprietor')
  // the short copy inside the document fills in but does not erase the full top-level record
  assert.equal(cp?.deleted, true)
  assert.equal(cp?.accounts.length, 1)
  const d = r.documents?.[0]
  assert.equal(d?.ourRole, 'buyer')
  assert.equal(d?.currency, 'RUB')
  assert.equal(d?.amount, 1050)
  assert.equal(d?.dueDate, '2024-05-10')
  assert.equal(d?.posted, true)
  assert.equal(d?.counterpartyTaxId, '500100732259')
  assert.equal(d?.dedupKey, 'cml|Счет на оплату|d1')
  const top = parseText(xml.replace(/<c:Контейнер>[\s\S]*<\/c:Контейнер>/, ''))
  assert.equal(top.counterparties?.[0]?.deleted, true)
  assert.equal(top.counterparties?.[0]?.email, 'p@example.ru')
  assert.equal(top.counterparties?.[0]?.phone, '+7 495 000')
  assert.deepEqual(top.counterparties?.[0]?.accounts, [
    { number: '40802810000000000001', bic: '044525225', bankName: 'Банк', corrAccount: '30101810400000000225' },
  ])
  const bad = parseText(xml.replace('<c:Сумма>10.5</c:Сумма>', '<c:Сумма>10.555</c:Сумма>'))
  assert.equal(bad.error, 'invalid_amount')
  assert.equal(bad.meta.path, '/КоммерческаяИнформация/Контейнер[1]/Документ[1]/Сумма')
})
