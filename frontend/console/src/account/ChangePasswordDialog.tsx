// "Change password" from the account menu: the password form in a dialog. The server ends every
// session of the agent and hands this one a new token, with which the console carries on.
import { Dialog } from '../admin/ui/Dialog.jsx';
import { t as ta } from '../admin/i18n.js';
import { changePassword, me } from '../state/session.js';
import { t } from './i18n.js';
import { PasswordForm } from './PasswordForm.jsx';
import '../admin/admin.css';

export default function ChangePasswordDialog(props: { onClose: () => void; onChanged: () => void; returnFocus: () => HTMLElement | undefined }) {
  const submit = async (currentPassword: string, newPassword: string) => {
    await changePassword(currentPassword, newPassword);
    props.onChanged();
    props.onClose();
  };
  return (
    <Dialog title={t('change.title')} onClose={() => props.onClose()} testId="change-password-dialog" returnFocus={props.returnFocus}>
      <p class="admin-hint">{t('change.intro')}</p>
      <PasswordForm withCurrent email={me()?.email ?? null} submitLabel={t('change.submit')} onSubmit={submit}>
        <button type="button" class="button" onClick={() => props.onClose()}>
          {ta('common.cancel')}
        </button>
      </PasswordForm>
    </Dialog>
  );
}
