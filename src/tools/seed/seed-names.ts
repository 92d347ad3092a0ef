/** Word lists for synthetic clients and people, in the three languages the app speaks. */
export type Group = 'hu' | 'ru' | 'en'

/** Client `i`'s language group: half Hungarian, a quarter Russian, a quarter English. */
export const groupOf = (i: number): Group => (i % 4 === 1 ? 'ru' : i % 4 === 3 ? 'en' : 'hu')

const HU_PLACES = ['Duna', 'Tisza', 'Balaton', 'Bakony', 'Mátra', 'Pannon', 'Hegyvidék', 'Alföld', 'Zemplén', 'Őrség']
const HU_TRADES = [
  'Faipari',
  'Építő',
  'Logisztika',
  'Agro',
  'Gépgyártó',
  'Kereskedelmi',
  'Pékség',
  'Borház',
  'Szerviz',
  'Nyomda',
]
const HU_FORMS = ['Kft.', 'Zrt.', 'Bt.', 'Kft.']
const RU_WORDS = [
  'Северный',
  'Уральский',
  'Волжский',
  'Сибирский',
  'Невский',
  'Таёжный',
  'Байкальский',
  'Донской',
  'Камский',
  'Окский',
]
const RU_TRADES = ['ветер', 'лес', 'мёд', 'трейд', 'металл', 'хлеб', 'софт', 'транс', 'строй', 'агро']
const RU_FORMS = ['ООО', 'АО', 'ООО', 'ИП']
const EN_WORDS = [
  'Northwind',
  'Blue Harbour',
  'Alpine',
  'Greenfield',
  'Oakridge',
  'Silverline',
  'Redwood',
  'Brightwave',
  'Ironbridge',
  'Maple',
]
const EN_TRADES = [
  'Traders',
  'Tools',
  'Foods',
  'Consulting',
  'Media',
  'Analytics',
  'Energy',
  'Steel',
  'Printing',
  'Logistics',
]
const EN_FORMS = ['Ltd.', 'GmbH', 'LLC', 'AG']

const FIRST: Record<Group, string[]> = {
  hu: ['Péter', 'Katalin', 'Zoltán', 'Judit', 'Gábor', 'Erzsébet', 'László', 'Ágnes', 'István', 'Éva'],
  ru: ['Ольга', 'Дмитрий', 'Наталья', 'Сергей', 'Алексей', 'Елена', 'Иван', 'Мария', 'Андрей', 'Татьяна'],
  en: ['Sarah', 'James', 'Emma', 'Lukas', 'Sofia', 'Oliver', 'Mia', 'Noah', 'Grace', 'Henry'],
}
const LAST: Record<Group, string[]> = {
  hu: ['Nagy', 'Tóth', 'Horváth', 'Varga', 'Molnár', 'Kiss', 'Szabó', 'Farkas', 'Balogh', 'Papp'],
  ru: ['Иванова', 'Кузнецов', 'Соколова', 'Попов', 'Лебедев', 'Смирнов', 'Орлова', 'Волков', 'Зайцева', 'Егоров'],
  en: ['Brown', 'Wilson', 'Müller', 'Novak', 'Rossi', 'Taylor', 'Evans', 'Walker', 'Clarke', 'Hughes'],
}

/**
 * A client name that is unique within the data set: a thousand word combinations per language,
 * numbered past that (as "Duna Faipari 2 Kft.", the way registries tell namesakes apart).
 */
export function clientName(i: number): string {
  const g = groupOf(i)
  const k = Math.floor(i / 4) + (i % 4 === 2 ? 7919 : 0)
  const a = k % 10
  const b = Math.floor(k / 10) % 10
  const f = Math.floor(k / 100) % 4
  const round = Math.floor(k / 400)
  const nth = round > 0 ? ` ${round + 1}` : ''
  if (g === 'hu') return `${HU_PLACES[a]} ${HU_TRADES[b]}${nth} ${HU_FORMS[f]}`
  if (g === 'ru') return `${RU_FORMS[f]} «${RU_WORDS[a]} ${RU_TRADES[b]}${nth}»`
  return `${EN_WORDS[a]} ${EN_TRADES[b]}${nth} ${EN_FORMS[f]}`
}

export const personName = (g: Group, k: number): string => `${FIRST[g][k % 10]} ${LAST[g][Math.floor(k / 10) % 10]}`

export const COUNTRY: Record<Group, string> = { hu: 'HU', ru: 'RU', en: 'GB' }
export const LOCALE: Record<Group, 'hu' | 'ru' | 'en'> = { hu: 'hu', ru: 'ru', en: 'en' }
