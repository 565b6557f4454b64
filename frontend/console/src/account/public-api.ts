// The few calls that need no session (the password policy, setting a password from a reset link):
// without a token, so that a stale one stored in this browser plays no part.
import { createApi } from '@smartchat/frontend-kit';

export const publicApi = createApi({ baseUrl: '', token: () => null });
