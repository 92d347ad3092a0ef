import type { Priority } from './support.constants.js'

/** A demo client's language group (from its users' language). */
export type DemoGroup = 'hu' | 'ru' | 'en'

export interface DemoCategory {
  key: string
  names: Record<DemoGroup, string>
  /** Own targets (minutes) per priority; missing ones use the settings' defaults. */
  targets?: Partial<Record<Priority, [number, number]>>
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { key: 'orders', names: { en: 'Orders and delivery', hu: 'Rendelés és szállítás', ru: 'Заказы и доставка' } },
  { key: 'billing', names: { en: 'Invoices and payments', hu: 'Számlák és fizetés', ru: 'Счета и оплата' } },
  {
    key: 'technical',
    names: { en: 'Technical problem', hu: 'Műszaki hiba', ru: 'Техническая проблема' },
    targets: { urgent: [30, 4 * 60], high: [2 * 60, 8 * 60] },
  },
  { key: 'access', names: { en: 'Portal access', hu: 'Portálhozzáférés', ru: 'Доступ к кабинету' } },
  { key: 'other', names: { en: 'Other', hu: 'Egyéb', ru: 'Другое' } },
]

export interface DemoStory {
  category: string
  subject: string
  body: string
  reply: string
  followUp: string
  resolve: string
  note: string
}

export const STORIES: Record<DemoGroup, DemoStory[]> = {
  en: [
    {
      category: 'orders',
      subject: 'Delivery of order arrived incomplete',
      body: 'Hello,\n\nour last delivery was missing **two boxes** of printer paper. The delivery note lists 10, we received 8.\n\nCould you check?',
      reply:
        'Thank you for letting us know. We checked with the warehouse: two boxes stayed behind. Could you confirm the delivery address is still the same?',
      followUp: 'Yes, the address is the same. Thanks!',
      resolve: 'The missing boxes were delivered today by courier. Please tell us if anything else is missing.',
      note: 'Warehouse confirmed the short pick; courier booked.',
    },
    {
      category: 'billing',
      subject: 'Question about the latest invoice',
      body: 'The latest invoice shows a delivery fee although our contract says free delivery above 100,000. Please correct it.',
      reply: 'You are right, the fee should not be there. We are issuing a corrected invoice.',
      followUp: 'Thank you, we will wait for the corrected one.',
      resolve: 'The corrected invoice is in your documents. The original is cancelled.',
      note: 'Billing rule missed the threshold for this client; fixed in the price list.',
    },
    {
      category: 'technical',
      subject: 'Cannot download PDF documents',
      body: 'When I click on a document, the download does not start. We use Chrome on Windows.\n\n- tried two computers\n- same result',
      reply: 'Thanks for the details. Could you try again now? We have restarted the file service.',
      followUp: 'It works now, thank you.',
      resolve: 'Glad it works. We keep monitoring the service.',
      note: 'File service had a full temp disk; cleaned up.',
    },
    {
      category: 'access',
      subject: 'New colleague needs access to the portal',
      body: 'Please give access to our new accountant, she needs to see invoices and the balance.',
      reply: 'Your client admin can invite colleagues under My company → Users. Shall we do it for you this time?',
      followUp: 'Yes please, her e-mail is in the signature of my previous message.',
      resolve: 'The invitation has been sent.',
      note: 'Invited on their behalf.',
    },
    {
      category: 'other',
      subject: 'Opening hours during the holidays',
      body: 'Will your warehouse be open between Christmas and New Year?',
      reply: 'The warehouse is open on working days between the holidays from 8:00 to 14:00.',
      followUp: 'Thanks for the information.',
      resolve: 'You are welcome. Happy holidays!',
      note: 'Standard holiday answer.',
    },
  ],
  hu: [
    {
      category: 'orders',
      subject: 'Hiányos szállítmány érkezett',
      body: 'Jó napot!\n\nA legutóbbi szállításból **két doboz** fénymásolópapír hiányzik. A szállítólevélen 10 szerepel, 8 érkezett.\n\nMegnéznék?',
      reply: 'Köszönjük a jelzést. A raktár megerősítette, hogy két doboz ottmaradt. A szállítási cím változatlan?',
      followUp: 'Igen, a cím ugyanaz. Köszönöm!',
      resolve: 'A hiányzó dobozokat ma futár kiszállította. Kérjük, jelezzék, ha más is hiányzik.',
      note: 'Raktár elismerte a hiányt, futár megrendelve.',
    },
    {
      category: 'billing',
      subject: 'Kérdés a legutóbbi számláról',
      body: 'A legutóbbi számlán szállítási díj szerepel, pedig a szerződés szerint 100 000 Ft felett ingyenes a szállítás. Kérjük javítani.',
      reply: 'Igazuk van, a díj tévesen került fel. Helyesbítő számlát állítunk ki.',
      followUp: 'Köszönjük, várjuk a helyesbítést.',
      resolve: 'A helyesbítő számla megtalálható a dokumentumok között.',
      note: 'Az árlista küszöbértéke hibás volt ennél az ügyfélnél, javítva.',
    },
    {
      category: 'technical',
      subject: 'Nem tölthetők le a PDF dokumentumok',
      body: 'Ha rákattintok egy dokumentumra, nem indul el a letöltés. Chrome böngészőt használunk.\n\n- két gépen is kipróbáltuk\n- ugyanaz az eredmény',
      reply: 'Köszönjük a részleteket. Megpróbálnák újra? Újraindítottuk a fájlszolgáltatást.',
      followUp: 'Most már működik, köszönöm.',
      resolve: 'Örülünk, hogy működik. Figyeljük a szolgáltatást.',
      note: 'Megtelt a fájlszerver ideiglenes lemeze, takarítva.',
    },
    {
      category: 'access',
      subject: 'Új kolléga hozzáférése a portálhoz',
      body: 'Kérjük, adjanak hozzáférést új könyvelőnknek, a számlákat és az egyenleget kell látnia.',
      reply:
        'Az ügyfél adminisztrátora a Cégem → Felhasználók menüben meghívhatja a kollégákat. Most megtegyük helyettük?',
      followUp: 'Igen, kérem, az e-mail címe az előző levelem aláírásában van.',
      resolve: 'A meghívót elküldtük.',
      note: 'Meghívó kiküldve az ügyfél nevében.',
    },
    {
      category: 'other',
      subject: 'Nyitvatartás az ünnepek alatt',
      body: 'Nyitva lesz a raktár karácsony és újév között?',
      reply: 'A két ünnep közötti munkanapokon 8 és 14 óra között tartunk nyitva.',
      followUp: 'Köszönöm a tájékoztatást.',
      resolve: 'Szívesen, kellemes ünnepeket!',
      note: 'Szokásos ünnepi válasz.',
    },
  ],
  ru: [
    {
      category: 'orders',
      subject: 'Заказ доставлен не полностью',
      body: 'Добрый день!\n\nВ последней поставке не хватает **двух коробок** бумаги. В накладной 10, получили 8.\n\nПроверьте, пожалуйста.',
      reply: 'Спасибо, что сообщили. Склад подтвердил: две коробки не были отгружены. Адрес доставки прежний?',
      followUp: 'Да, адрес тот же. Спасибо!',
      resolve: 'Недостающие коробки сегодня доставлены курьером. Сообщите, если чего-то ещё не хватает.',
      note: 'Склад подтвердил недовложение, курьер заказан.',
    },
    {
      category: 'billing',
      subject: 'Вопрос по последнему счёту',
      body: 'В последнем счёте указана доставка, хотя по договору она бесплатна от 100 000 ₽. Просим исправить.',
      reply: 'Вы правы, доставка указана ошибочно. Выставим исправленный счёт.',
      followUp: 'Спасибо, ждём исправленный счёт.',
      resolve: 'Исправленный счёт размещён в ваших документах.',
      note: 'В прайсе не был учтён порог для этого клиента, исправлено.',
    },
    {
      category: 'technical',
      subject: 'Не скачиваются PDF-документы',
      body: 'При нажатии на документ скачивание не начинается. Используем Chrome.\n\n- пробовали на двух компьютерах\n- результат тот же',
      reply: 'Спасибо за подробности. Попробуйте ещё раз, пожалуйста: мы перезапустили файловый сервис.',
      followUp: 'Теперь работает, спасибо.',
      resolve: 'Рады, что всё работает. Продолжаем следить за сервисом.',
      note: 'Переполнился временный диск файлового сервиса, очищено.',
    },
    {
      category: 'access',
      subject: 'Доступ в кабинет для нового сотрудника',
      body: 'Просим дать доступ нашему новому бухгалтеру: ей нужны счета и баланс.',
      reply:
        'Администратор клиента может пригласить коллег в разделе «Моя компания → Пользователи». Сделать это за вас?',
      followUp: 'Да, пожалуйста, её адрес в подписи моего прошлого письма.',
      resolve: 'Приглашение отправлено.',
      note: 'Приглашение отправлено от имени клиента.',
    },
    {
      category: 'other',
      subject: 'Режим работы в праздники',
      body: 'Будет ли работать склад между Новым годом и Рождеством?',
      reply: 'В рабочие дни между праздниками склад работает с 8:00 до 14:00.',
      followUp: 'Спасибо за информацию.',
      resolve: 'Пожалуйста, с наступающими праздниками!',
      note: 'Стандартный ответ о праздниках.',
    },
  ],
}

export const RATING_COMMENTS: Record<DemoGroup, string[]> = {
  en: ['Quick and helpful, thank you.', 'Solved, but it took a while.', 'Very friendly support.'],
  hu: ['Gyors és segítőkész, köszönöm.', 'Megoldódott, de sokáig tartott.', 'Nagyon kedves ügyfélszolgálat.'],
  ru: ['Быстро и по делу, спасибо.', 'Решили, но долго.', 'Очень вежливая поддержка.'],
}
