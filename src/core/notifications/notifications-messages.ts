import type { Locale, Messages } from '../i18n/messages.js'

export const notificationsMessages: Record<Locale, Messages> = {
  en: {
    'notifications.title': 'Notifications',
    'notifications.intro': 'Choose what we tell you about, and how.',
    'notifications.event': 'Event',
    'notifications.channel.email': 'E-mail',
    'notifications.none': 'Nothing to set up yet',
    'notifications.none_hint': 'Notifications appear here as the modules that send them are switched on.',
    'notifications.saved': 'Notification settings saved.',
    'notifications.link': 'Choose which notifications you receive',
  },
  hu: {
    'notifications.title': 'Értesítések',
    'notifications.intro': 'Válassza ki, miről és milyen módon értesítsük.',
    'notifications.event': 'Esemény',
    'notifications.channel.email': 'E-mail',
    'notifications.none': 'Még nincs mit beállítani',
    'notifications.none_hint': 'Az értesítések itt jelennek meg, amint az azokat küldő modulok be vannak kapcsolva.',
    'notifications.saved': 'Az értesítési beállítások elmentve.',
    'notifications.link': 'Az értesítések beállítása',
  },
  ru: {
    'notifications.title': 'Уведомления',
    'notifications.intro': 'Выберите, о чём и как вам сообщать.',
    'notifications.event': 'Событие',
    'notifications.channel.email': 'E-mail',
    'notifications.none': 'Пока настраивать нечего',
    'notifications.none_hint': 'Уведомления появятся здесь, когда будут включены модули, которые их отправляют.',
    'notifications.saved': 'Настройки уведомлений сохранены.',
    'notifications.link': 'Выбрать, какие уведомления получать',
  },
}
