/** A demo client's language group: it decides the items, their currency and VAT, and the comments. */
export type DemoGroup = 'hu' | 'ru' | 'en'

export const CURRENCY: Record<DemoGroup, string> = { hu: 'HUF', ru: 'RUB', en: 'EUR' }
/** The usual VAT rate of each group, in basis points (one of the company's rates). */
export const VAT: Record<DemoGroup, number> = { hu: 2700, ru: 2000, en: 2000 }

export interface DemoItem {
  sku: string
  name: string
  unit: string
  /** Unit price in minor units of the group's currency. */
  price: number
  /** Quantities are whole units unless the item is sold by weight or length. */
  fractional?: boolean
}

export const ITEMS: Record<DemoGroup, DemoItem[]> = {
  hu: [
    { sku: 'IRP-A4-80', name: 'Másolópapír A4, 80 g/m², 500 lap', unit: 'csomag', price: 289_000 },
    { sku: 'TON-HP-59A', name: 'Toner HP 59A, fekete', unit: 'db', price: 3_249_000 },
    { sku: 'GOL-KEK-50', name: 'Golyóstoll, kék, 50 db-os doboz', unit: 'doboz', price: 459_000 },
    { sku: 'IRO-SZEK-12', name: 'Irodai forgószék, hálós háttámla', unit: 'db', price: 6_490_000 },
    { sku: 'KAV-SZEM-1', name: 'Szemes kávé, 1 kg', unit: 'kg', price: 699_000, fractional: true },
    { sku: 'TIS-KEZ-6', name: 'Kéztörlő papír, 6 tekercs', unit: 'csomag', price: 389_000 },
    { sku: 'KAB-UTP-6', name: 'UTP hálózati kábel, Cat6', unit: 'm', price: 18_000, fractional: true },
    { sku: 'IRM-MAP-25', name: 'Irattartó mappa, 25 db', unit: 'csomag', price: 249_000 },
  ],
  ru: [
    { sku: 'BUM-A4-500', name: 'Бумага офисная А4, 500 листов', unit: 'пач.', price: 39_000 },
    { sku: 'KAR-HP-59A', name: 'Картридж HP 59A, чёрный', unit: 'шт.', price: 1_249_000 },
    { sku: 'RUC-SIN-50', name: 'Ручка шариковая синяя, 50 шт.', unit: 'кор.', price: 69_000 },
    { sku: 'KRS-OFC-12', name: 'Кресло офисное с сетчатой спинкой', unit: 'шт.', price: 1_590_000 },
    { sku: 'KOF-ZER-1', name: 'Кофе в зёрнах, 1 кг', unit: 'кг', price: 189_000, fractional: true },
    { sku: 'POL-BUM-6', name: 'Полотенца бумажные, 6 рулонов', unit: 'уп.', price: 49_000 },
    { sku: 'KAB-UTP-6', name: 'Кабель витая пара UTP Cat6', unit: 'м', price: 4_500, fractional: true },
    { sku: 'PAP-REG-25', name: 'Папка-регистратор, 25 шт.', unit: 'уп.', price: 199_000 },
  ],
  en: [
    { sku: 'PAP-A4-500', name: 'Copy paper A4, 80 gsm, 500 sheets', unit: 'ream', price: 549 },
    { sku: 'TON-HP-59A', name: 'HP 59A toner cartridge, black', unit: 'pcs', price: 12_900 },
    { sku: 'PEN-BLU-50', name: 'Ballpoint pens, blue, box of 50', unit: 'box', price: 1_290 },
    { sku: 'CHR-MSH-12', name: 'Office swivel chair, mesh back', unit: 'pcs', price: 18_900 },
    { sku: 'COF-BEA-1', name: 'Coffee beans, 1 kg', unit: 'kg', price: 1_890, fractional: true },
    { sku: 'TOW-PAP-6', name: 'Paper towels, 6 rolls', unit: 'pack', price: 899 },
    { sku: 'CAB-UTP-6', name: 'UTP network cable, Cat6', unit: 'm', price: 65, fractional: true },
    { sku: 'BIN-LEV-25', name: 'Lever arch files, pack of 25', unit: 'pack', price: 4_490 },
  ],
}

export const DELIVERY: Record<DemoGroup, string[]> = {
  hu: ['Raktár, 1097 Budapest, Könyves Kálmán krt. 12.', 'Iroda, 9021 Győr, Baross Gábor út 5.'],
  ru: ['Склад: 109316, Москва, Волгоградский пр-т, 42', 'Офис: 191025, Санкт-Петербург, Невский пр-т, 88'],
  en: ['Warehouse, Unit 4, Riverside Park, Leeds LS10 1AB', 'Office, 12 King Street, Manchester M2 4WU'],
}

/** Comments on status changes: public ones (by the status reached) the client reads, internal ones only staff see. */
export const COMMENTS: Record<
  DemoGroup,
  { public: Record<string, string[]>; internal: string[]; cancelled: string[]; client: string[] }
> = {
  hu: {
    public: {
      confirmed: ['Visszaigazolva, szállítás a jövő héten várható.', 'Minden tétel raktáron van.'],
      in_progress: ['Összekészítés alatt.', 'A hiányzó tétel holnap érkezik a beszállítótól.'],
      shipped: ['A futár délelőtt érkezik.', 'Feladva, a csomagkövetési szám a szállításnál látható.'],
      delivered: ['Átvétel aláírva.'],
      closed: ['Köszönjük a megrendelést!'],
    },
    internal: ['Raktárkészlet ellenőrizve.', 'Beszállítói visszaigazolásra vár.', 'Ügyfél kérésére sürgős.'],
    cancelled: ['Az ügyfél kérésére törölve.', 'A termék nem elérhető.'],
    client: ['Kérjük, a hátsó bejárathoz szállítsák.', 'Számlát a központi címre kérjük.'],
  },
  ru: {
    public: {
      confirmed: ['Подтверждён, отгрузка ожидается на следующей неделе.', 'Все позиции есть на складе.'],
      in_progress: ['Заказ комплектуется.', 'Недостающая позиция поступит от поставщика завтра.'],
      shipped: ['Курьер приедет до обеда.', 'Отгружен, трек-номер указан в отгрузке.'],
      delivered: ['Получение подтверждено.'],
      closed: ['Спасибо за заказ!'],
    },
    internal: ['Остатки на складе проверены.', 'Ждём подтверждения поставщика.', 'Срочно по просьбе клиента.'],
    cancelled: ['Отменён по просьбе клиента.', 'Товара нет в наличии.'],
    client: ['Просим доставить к заднему входу.', 'Счёт, пожалуйста, на головной офис.'],
  },
  en: {
    public: {
      confirmed: ['Confirmed; delivery expected next week.', 'Everything is in stock.'],
      in_progress: ['Being picked and packed.', 'The missing item arrives from our supplier tomorrow.'],
      shipped: ['The courier will arrive in the morning.', 'Shipped; the tracking number is on the shipment.'],
      delivered: ['Receipt signed.'],
      closed: ['Thank you for your order!'],
    },
    internal: ['Stock checked.', 'Waiting for the supplier’s confirmation.', 'Urgent at the client’s request.'],
    cancelled: ['Cancelled at the client’s request.', 'Item out of stock.'],
    client: ['Please deliver to the back entrance.', 'Please invoice our head office.'],
  },
}

export const CARRIERS: Record<DemoGroup, string[]> = {
  hu: ['GLS Hungary', 'MPL', 'DPD Hungária'],
  ru: ['СДЭК', 'Деловые Линии', 'ПЭК'],
  en: ['DPD', 'Royal Mail', 'UPS'],
}
