// The page a password reset link opens: <origin>/console/reset-password#token=<token>. The token
// travels in the fragment, which browsers never send to a server (logs, Referer); once read, it
// is taken out of the address bar and the history too.

export function isResetPasswordPage(): boolean {
  const base = import.meta.env.BASE_URL;
  return location.pathname.startsWith(base) && location.pathname.slice(base.length).replace(/\/$/, '') === 'reset-password';
}

/** The token of the link, read once; null when the fragment has none. */
export function takeResetToken(): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return token?.trim() ? token.trim() : null;
}
