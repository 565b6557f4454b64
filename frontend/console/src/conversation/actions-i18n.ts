// The actions' texts (actions-texts.ts), following the console's language switch.
import { extendI18n } from '../i18n.js';
import { en, ru, type ActionsKey } from './actions-texts.js';
import type { Text } from './action-run.js';

export const t = extendI18n<ActionsKey>({ ru, en });

/** A text chosen by action-run.ts, in the console's language. */
export const say = (text: Text): string => t(text.key, text.vars);
