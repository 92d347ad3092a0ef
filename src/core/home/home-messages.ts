import type { Locale, Messages } from '../i18n/messages.js'

export const homeMessages: Record<Locale, Messages> = {
  en: {
    'home.greeting': 'Hello, {name}',
    'home.intro.client': 'Here is the state of your account with us.',
    'home.intro.manager': 'Your clients and what needs your attention today.',
    'home.intro.head': 'The company at a glance.',
    'home.intro.admin': 'Users, settings and integrations.',
    'home.colleagues': 'Colleagues with access',
    'home.active_users': 'Active users',
    'home.clients': 'Clients',
    'home.my_clients': 'My clients',
  },
  hu: {
    'home.greeting': 'Üdvözöljük, {name}!',
    'home.intro.client': 'Itt láthatja ügyfélfiókja aktuális állapotát.',
    'home.intro.manager': 'Ügyfelei és a mai teendői.',
    'home.intro.head': 'A cég egy pillantással.',
    'home.intro.admin': 'Felhasználók, beállítások és integrációk.',
    'home.colleagues': 'Hozzáféréssel rendelkező munkatársak',
    'home.active_users': 'Aktív felhasználók',
    'home.clients': 'Ügyfelek',
    'home.my_clients': 'Ügyfeleim',
  },
  ru: {
    'home.greeting': 'Здравствуйте, {name}!',
    'home.intro.client': 'Текущее состояние ваших дел с нами.',
    'home.intro.manager': 'Ваши клиенты и то, что требует внимания сегодня.',
    'home.intro.head': 'Компания с первого взгляда.',
    'home.intro.admin': 'Пользователи, настройки и интеграции.',
    'home.colleagues': 'Коллеги с доступом',
    'home.active_users': 'Активные пользователи',
    'home.clients': 'Клиенты',
    'home.my_clients': 'Мои клиенты',
  },
}
