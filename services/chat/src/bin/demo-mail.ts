// `make demo-mail`: sends one e-mail to the demo support mailbox through the local mail server, as
// a customer would, and says where the answer will arrive. FROM, SUBJECT and TEXT may be set in the
// environment (SMARTCHAT_DEMO_MAIL_FROM, _SUBJECT, _TEXT).
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { DEMO_MAILBOX } from './demo-mailbox.js';

const [host, port] = (process.env.SMARTCHAT_TEST_SMTP ?? '127.0.0.1:17025').split(':') as [string, string];
const [imapHost, imapPort] = (process.env.SMARTCHAT_TEST_IMAP ?? '127.0.0.1:17143').split(':') as [string, string];
const from = process.env.SMARTCHAT_DEMO_MAIL_FROM ?? 'ivan@example.test';
const subject = process.env.SMARTCHAT_DEMO_MAIL_SUBJECT ?? 'Перенос рейса / Flight change';
const text = process.env.SMARTCHAT_DEMO_MAIL_TEXT ?? 'Здравствуйте! Мой рейс перенесли, помогите, пожалуйста, поменять гостиницу.\n\nHello! My flight was moved; please help me change the hotel.';

const transport = nodemailer.createTransport({ host, port: Number(port), secure: false, ignoreTLS: true });
const messageId = `<${randomUUID()}@example.test>`;
await transport.sendMail({ from: `Иван Петров <${from}>`, to: DEMO_MAILBOX, subject, text, messageId });
transport.close();
process.stdout.write(`Sent ${messageId} from ${from} to ${DEMO_MAILBOX}. It appears in the console's inbox within a few seconds.\n`);
process.stdout.write(`Answers arrive in ${from}'s mailbox on the local mail server: IMAP ${imapHost}:${imapPort}, user ${from}, any password.\n`);
