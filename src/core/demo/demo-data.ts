/** Deterministic demo names: the same demo every time, so printed logins stay true. */
export const DEMO_PASSWORD = 'kabinet-demo'
export const DEMO_DOMAIN = 'kabinet.demo'

export const DEMO_STAFF = [
  { role: 'head' as const, email: `head@${DEMO_DOMAIN}`, name: 'Éva Kovács', locale: 'hu' },
  { role: 'admin' as const, email: `admin@${DEMO_DOMAIN}`, name: 'Admin Albert', locale: 'en' },
  { role: 'manager' as const, email: `anna.manager@${DEMO_DOMAIN}`, name: 'Anna Szabó', locale: 'hu' },
  { role: 'manager' as const, email: `ivan.manager@${DEMO_DOMAIN}`, name: 'Иван Петров', locale: 'ru' },
  { role: 'manager' as const, email: `mark.manager@${DEMO_DOMAIN}`, name: 'Mark Taylor', locale: 'en' },
]

export const DEMO_CLIENTS = [
  'Árvíztűrő Kft.',
  'Bakony Faipari Zrt.',
  'Balaton Logisztika Kft.',
  'Csongrád Agro Kft.',
  'Duna Építő Zrt.',
  'Eger Borház Kft.',
  'Füred Yacht Bt.',
  'Győr Gépgyártó Kft.',
  'Hévíz Wellness Kft.',
  'Kecskemét Pékség Bt.',
  'ООО «Северный ветер»',
  'АО «Уральские машины»',
  'ООО «Волга-Трейд»',
  'ООО «Байкал Софт»',
  'ИП Смирнова Е. А.',
  'ООО «Сибирский лес»',
  'АО «Невские берега»',
  'ООО «Крымские сады»',
  'ООО «Таёжный мёд»',
  'ООО «Камчатка Фиш»',
  'Northwind Traders Ltd.',
  'Blue Harbour GmbH',
  'Alpine Tools AG',
  'Greenfield Foods Ltd.',
  'Oakridge Consulting LLC',
  'Silverline Media s.r.o.',
  'Redwood Analytics Ltd.',
  'Brightwave Energy BV',
  'Ironbridge Steel Ltd.',
  'Maple & Co. Printing',
]

const FIRST = [
  'Péter',
  'Katalin',
  'Zoltán',
  'Judit',
  'Gábor',
  'Ольга',
  'Дмитрий',
  'Наталья',
  'Сергей',
  'Алексей',
  'Sarah',
  'James',
  'Emma',
  'Lukas',
  'Sofia',
]
const LAST = [
  'Nagy',
  'Tóth',
  'Horváth',
  'Varga',
  'Molnár',
  'Иванова',
  'Кузнецов',
  'Соколова',
  'Попов',
  'Лебедев',
  'Brown',
  'Wilson',
  'Müller',
  'Novak',
  'Rossi',
]

export interface DemoClientUser {
  email: string
  name: string
  isClientAdmin: boolean
  locale: 'en' | 'hu' | 'ru'
}

/** The users of demo client `i`: a client admin, and a colleague for every third client. */
export function demoClientUsers(i: number): DemoClientUser[] {
  const locale = i < 10 ? 'hu' : i < 20 ? 'ru' : 'en'
  const users: DemoClientUser[] = [
    {
      email: `client${String(i + 1).padStart(2, '0')}@${DEMO_DOMAIN}`,
      // Unique first/last pairs across the 30 clients.
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 4 + Math.floor(i / FIRST.length)) % LAST.length]}`,
      isClientAdmin: true,
      locale,
    },
  ]
  if (i % 3 === 0) {
    users.push({
      email: `client${String(i + 1).padStart(2, '0')}.colleague@${DEMO_DOMAIN}`,
      name: `${FIRST[(i * 5 + 3) % FIRST.length]} ${LAST[(i * 11 + 1) % LAST.length]}`,
      isClientAdmin: false,
      locale,
    })
  }
  return users
}

/** A small deterministic PRNG (mulberry32), so module demo data is the same on every load. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
