// The switch between Russian and English on the screens shown before the console opens (sign-in,
// the forced password change, the reset page); the navigation has its own compact one.
import { i18n, t } from '../i18n.js';

export function LanguageToggle() {
  const other = () => (i18n.locale() === 'ru' ? 'English' : 'Русский');
  return (
    // The accessible name starts with the visible text (WCAG 2.5.3, "label in name").
    <button type="button" class="button small" onClick={() => i18n.setLocale(i18n.locale() === 'ru' ? 'en' : 'ru')} aria-label={`${other()} · ${t('nav.language')}`}>
      {other()}
    </button>
  );
}
