// The texts of the agent's own account in Russian (the default) and English: the password forms
// (first sign-in, change, reset link), the account menu and signing out everywhere.
import { extendI18n } from '../i18n.js';

const ru = {
  'menu.label': 'Учётная запись',
  'menu.changePassword': 'Сменить пароль',
  'menu.logoutEverywhere': 'Выйти на всех устройствах',
  'menu.logout': 'Выйти',

  'forced.title': 'Задайте новый пароль',
  'forced.intro': '{name}, прежде чем продолжить, замените временный пароль своим. Его будете знать только вы.',
  'forced.submit': 'Сохранить и продолжить',
  'forced.logout': 'Выйти',

  'change.title': 'Смена пароля',
  'change.intro': 'После смены пароля все ваши сеансы на других устройствах и в других браузерах завершатся; здесь вы останетесь в системе.',
  'change.submit': 'Сменить пароль',
  'change.done': 'Пароль изменён. Сеансы на других устройствах завершены.',

  'everywhere.title': 'Выйти на всех устройствах?',
  'everywhere.question': 'Завершатся все ваши сеансы: в этом браузере и на всех других устройствах и в приложениях. Чтобы продолжить работу, нужно будет войти снова.',
  'everywhere.confirm': 'Выйти везде',

  'field.current': 'Текущий пароль',
  'field.new': 'Новый пароль',
  'field.repeat': 'Повторите новый пароль',
  'field.show': 'Показать пароли',
  'form.saving': 'Сохраняем…',

  'policy.title': 'Требования к новому паролю:',
  'policy.length': 'от {min} до {max} символов',
  'policy.lengthUnknown': 'достаточной длины (требования не загрузились: {reason})',
  'policy.contains_email': 'не содержит имя из адреса эл. почты (часть до @)',
  'policy.common': 'не из числа распространённых паролей',
  'policy.same_as_current': 'отличается от текущего пароля',
  'policy.met': 'выполнено',
  'policy.broken': 'не выполнено',

  'error.title': 'Пароль не сохранён',
  'error.too_short': 'Новый пароль короче {min} символов.',
  'error.too_long': 'Новый пароль длиннее {max} символов.',
  'error.contains_email': 'Новый пароль содержит имя из вашего адреса эл. почты.',
  'error.common': 'Это распространённый пароль, его легко подобрать. Выберите другой.',
  'error.same_as_current': 'Новый пароль совпадает с текущим.',
  'error.mismatch': 'Пароли не совпадают.',
  'error.required': 'Заполните поле «{field}».',
  'error.wrongCurrent': 'Текущий пароль введён неверно.',
  'error.throttled': 'Слишком много неверных попыток. Попробуйте снова через {wait}.',
  'error.rateLimited': 'Слишком много запросов. Подождите немного и попробуйте снова.',
  'error.network': 'Сервер недоступен, попробуйте ещё раз.',
  'error.other': 'Ошибка: {reason}',
  'error.retryIn': 'Повторить можно через',

  'reset.title': 'Новый пароль',
  'reset.intro': 'Задайте новый пароль для входа в Smartchat. После этого все прежние сеансы вашей учётной записи завершатся.',
  'reset.submit': 'Сохранить пароль',
  'reset.done': 'Пароль изменён. Все прежние сеансы вашей учётной записи завершены — войдите с новым паролем.',
  'reset.signIn': 'Перейти ко входу',
  'reset.invalid': 'Ссылка недействительна: она уже использована, заменена новой или её срок (24 часа) истёк. Попросите администратора создать новую ссылку.',
  'reset.noToken': 'В ссылке нет кода для сброса пароля. Откройте ссылку целиком, как её прислал администратор, или попросите новую.',
} as const;

export type AccountKey = keyof typeof ru;

const en: Record<AccountKey, string> = {
  'menu.label': 'Account',
  'menu.changePassword': 'Change password',
  'menu.logoutEverywhere': 'Sign out everywhere',
  'menu.logout': 'Sign out',

  'forced.title': 'Set a new password',
  'forced.intro': '{name}, before you continue, replace the temporary password with your own. Only you will know it.',
  'forced.submit': 'Save and continue',
  'forced.logout': 'Sign out',

  'change.title': 'Change password',
  'change.intro': 'Changing the password signs you out on every other device and browser; you stay signed in here.',
  'change.submit': 'Change password',
  'change.done': 'Password changed. Your sessions on other devices have ended.',

  'everywhere.title': 'Sign out everywhere?',
  'everywhere.question': 'Every session of yours ends: in this browser and on every other device and app. To go on working you will have to sign in again.',
  'everywhere.confirm': 'Sign out everywhere',

  'field.current': 'Current password',
  'field.new': 'New password',
  'field.repeat': 'Repeat the new password',
  'field.show': 'Show passwords',
  'form.saving': 'Saving…',

  'policy.title': 'The new password must be:',
  'policy.length': '{min} to {max} characters long',
  'policy.lengthUnknown': 'long enough (the requirements did not load: {reason})',
  'policy.contains_email': 'free of the name in your e-mail address (the part before @)',
  'policy.common': 'not a common password',
  'policy.same_as_current': 'different from the current password',
  'policy.met': 'met',
  'policy.broken': 'not met',

  'error.title': 'The password was not saved',
  'error.too_short': 'The new password is shorter than {min} characters.',
  'error.too_long': 'The new password is longer than {max} characters.',
  'error.contains_email': 'The new password contains the name in your e-mail address.',
  'error.common': 'This is a common password and easy to guess. Choose another.',
  'error.same_as_current': 'The new password is the same as the current one.',
  'error.mismatch': 'The passwords do not match.',
  'error.required': 'Fill in "{field}".',
  'error.wrongCurrent': 'The current password is wrong.',
  'error.throttled': 'Too many wrong attempts. Try again in {wait}.',
  'error.rateLimited': 'Too many requests. Wait a moment and try again.',
  'error.network': 'The server cannot be reached; try again.',
  'error.other': 'Error: {reason}',
  'error.retryIn': 'You can try again in',

  'reset.title': 'New password',
  'reset.intro': 'Set a new password for signing in to Smartchat. Every earlier session of your account ends then.',
  'reset.submit': 'Save password',
  'reset.done': 'Password changed. Every earlier session of your account has ended; sign in with the new password.',
  'reset.signIn': 'Go to sign-in',
  'reset.invalid': 'This link does not work: it was used already, replaced by a newer one, or its 24 hours are over. Ask an administrator for a new link.',
  'reset.noToken': 'The link has no reset code in it. Open the whole link as the administrator sent it, or ask for a new one.',
};

export const t = extendI18n<AccountKey>({ ru, en });
