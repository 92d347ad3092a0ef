import type { Channel } from './contacts.schema.js'

/** A demo contact: what was said, what came of it, and what to do next (null: nothing). */
export interface DemoText {
  channels: Channel[]
  summary: string
  outcome: string
  next: string | null
}

type Lang = 'hu' | 'ru' | 'en'

// Short, plausible entries in the client's language; the demo clients are Hungarian (1–10),
// Russian (11–20) and international (21–30).
export const DEMO_TEXTS: Record<Lang, DemoText[]> = {
  en: [
    {
      channels: ['call'],
      summary: 'Discussed the delivery schedule; they would like two shipments a month instead of one.',
      outcome: 'Agreed to split deliveries from next month.',
      next: 'Send the revised delivery plan',
    },
    {
      channels: ['email'],
      summary: 'They asked for next year’s price list and volume discounts.',
      outcome: 'Price list sent; discount tiers to be confirmed.',
      next: 'Follow up on the price list',
    },
    {
      channels: ['call', 'message'],
      summary: 'Invoice for last month did not reach their accounting team.',
      outcome: 'Invoice re-sent to the accounting mailbox.',
      next: null,
    },
    {
      channels: ['meeting'],
      summary: 'Quarterly review: volumes up about 12%, happy with response times.',
      outcome: 'Renewal looks likely.',
      next: 'Prepare the renewal offer',
    },
    {
      channels: ['call'],
      summary: 'New purchasing contact introduced after the previous buyer left.',
      outcome: 'Contact details updated.',
      next: 'Introductory call with the new buyer',
    },
    {
      channels: ['email', 'call'],
      summary: 'Asked whether payment terms could be extended to 45 days.',
      outcome: 'Passed to the head for approval.',
      next: 'Answer on the payment terms',
    },
    {
      channels: ['visit'],
      summary: 'Site visit: checked installation and storage conditions.',
      outcome: 'Minor issues noted, no claim raised.',
      next: 'Send the visit report',
    },
    {
      channels: ['call', 'message'],
      summary: 'Friendly reminder about the overdue balance.',
      outcome: 'They promised payment by Friday.',
      next: 'Check that the payment arrived',
    },
    {
      channels: ['meeting'],
      summary: 'Product demo for their new operations team.',
      outcome: 'Interested in the premium package.',
      next: 'Send a quote for the premium package',
    },
    {
      channels: ['email', 'message'],
      summary: 'Confirmed order details and the delivery address.',
      outcome: 'Order confirmed.',
      next: null,
    },
  ],
  hu: [
    {
      channels: ['call'],
      summary: 'Egyeztettük a szállítási ütemezést; havi két szállítást szeretnének egy helyett.',
      outcome: 'Jövő hónaptól két részletben szállítunk.',
      next: 'Módosított szállítási terv küldése',
    },
    {
      channels: ['email'],
      summary: 'Bekérték a jövő évi árlistát és a mennyiségi kedvezményeket.',
      outcome: 'Árlista elküldve, a kedvezménysávok egyeztetés alatt.',
      next: 'Árlista utánkövetése',
    },
    {
      channels: ['call', 'message'],
      summary: 'A múlt havi számla nem jutott el a könyvelésükhöz.',
      outcome: 'Számla újraküldve a könyvelés címére.',
      next: null,
    },
    {
      channels: ['meeting'],
      summary: 'Negyedéves áttekintés: a forgalom kb. 12%-kal nőtt, elégedettek a válaszidőkkel.',
      outcome: 'Várhatóan megújítják a szerződést.',
      next: 'Megújítási ajánlat előkészítése',
    },
    {
      channels: ['call'],
      summary: 'Bemutatták az új beszerzési kapcsolattartót, az előző munkatárs távozott.',
      outcome: 'Kapcsolattartói adatok frissítve.',
      next: 'Bemutatkozó hívás az új beszerzővel',
    },
    {
      channels: ['email', 'call'],
      summary: 'Kérdezték, meghosszabbítható-e a fizetési határidő 45 napra.',
      outcome: 'Jóváhagyásra továbbítva az ügyvezetőnek.',
      next: 'Válasz a fizetési határidőről',
    },
    {
      channels: ['visit'],
      summary: 'Helyszíni látogatás: ellenőriztük a telepítést és a tárolási körülményeket.',
      outcome: 'Kisebb hiányosságok, reklamáció nincs.',
      next: 'Látogatási jegyzőkönyv megküldése',
    },
    {
      channels: ['call', 'message'],
      summary: 'Barátságos emlékeztető a lejárt tartozásról.',
      outcome: 'Péntekig fizetést ígértek.',
      next: 'Beérkezett-e a befizetés',
    },
    {
      channels: ['meeting'],
      summary: 'Termékbemutató az új üzemeltetési csapatuknak.',
      outcome: 'Érdekli őket a prémium csomag.',
      next: 'Árajánlat a prémium csomagra',
    },
    {
      channels: ['email', 'message'],
      summary: 'Visszaigazoltuk a megrendelés részleteit és a szállítási címet.',
      outcome: 'Megrendelés visszaigazolva.',
      next: null,
    },
  ],
  ru: [
    {
      channels: ['call'],
      summary: 'Обсудили график поставок: хотят две отгрузки в месяц вместо одной.',
      outcome: 'Со следующего месяца отгружаем двумя партиями.',
      next: 'Отправить обновлённый график поставок',
    },
    {
      channels: ['email'],
      summary: 'Запросили прайс-лист на следующий год и скидки за объём.',
      outcome: 'Прайс-лист отправлен, уровни скидок согласуем.',
      next: 'Уточнить решение по прайс-листу',
    },
    {
      channels: ['call', 'message'],
      summary: 'Счёт за прошлый месяц не дошёл до их бухгалтерии.',
      outcome: 'Счёт повторно отправлен в бухгалтерию.',
      next: null,
    },
    {
      channels: ['meeting'],
      summary: 'Квартальная встреча: объём вырос примерно на 12%, довольны скоростью ответов.',
      outcome: 'Скорее всего, продлят договор.',
      next: 'Подготовить предложение о продлении',
    },
    {
      channels: ['call'],
      summary: 'Представили нового контактного по закупкам, прежний сотрудник уволился.',
      outcome: 'Контактные данные обновлены.',
      next: 'Знакомство по телефону с новым закупщиком',
    },
    {
      channels: ['email', 'call'],
      summary: 'Спросили о продлении отсрочки платежа до 45 дней.',
      outcome: 'Передано руководителю на согласование.',
      next: 'Ответить по отсрочке платежа',
    },
    {
      channels: ['visit'],
      summary: 'Выезд на объект: проверили монтаж и условия хранения.',
      outcome: 'Мелкие замечания, претензий нет.',
      next: 'Отправить отчёт о выезде',
    },
    {
      channels: ['call', 'message'],
      summary: 'Напомнили о просроченной задолженности.',
      outcome: 'Обещали оплатить до пятницы.',
      next: 'Проверить поступление оплаты',
    },
    {
      channels: ['meeting'],
      summary: 'Презентация продукта для их новой команды эксплуатации.',
      outcome: 'Интересуются премиальным пакетом.',
      next: 'Отправить КП на премиальный пакет',
    },
    {
      channels: ['email', 'message'],
      summary: 'Подтвердили детали заказа и адрес доставки.',
      outcome: 'Заказ подтверждён.',
      next: null,
    },
  ],
}

/** The demo client's language group by its position in the demo list. */
export const demoLanguage = (index: number): Lang => (index < 10 ? 'hu' : index < 20 ? 'ru' : 'en')
