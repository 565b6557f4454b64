// The customer's account page ("Личный кабинет — Командировки"), with the widget embedded by its
// one script tag. Everything that comes from data goes through escapeHtml; the page has no inline
// script and no inline style (its CSP forbids both).
import { escapeHtml } from '@smartchat/core';
import type { DemoCustomer } from './customers.js';

export interface AccountPageInput {
  customer: DemoCustomer;
  customers: readonly DemoCustomer[];
  /** A customer token signed for this page view. */
  token: string;
  /** Where chat serves /widget/loader.js, without a trailing slash. */
  chatUrl: string;
  /** The back-office's demo trip (when the site plays the back-office): its buttons are shown. */
  demoTrip?: { departure: Date; version: number };
  /** What the last button did. */
  notice?: string;
}

export function renderAccountPage(input: AccountPageInput): string {
  const { customer } = input;
  const switcher = input.customers
    .map((other) => {
      const current = other.externalId === customer.externalId;
      return `<li><a href="/?customer=${encodeURIComponent(other.externalId)}"${current ? ' aria-current="page"' : ''}>${escapeHtml(other.name)}</a></li>`;
    })
    .join('');
  const trips = customer.trips.length
    ? `<table class="trips">
        <thead><tr><th scope="col">Дата</th><th scope="col">Маршрут</th><th scope="col">Детали</th><th scope="col">Статус</th></tr></thead>
        <tbody>${customer.trips
          .map((trip) => `<tr><td>${escapeHtml(trip.date)}</td><td>${escapeHtml(trip.route)}</td><td>${escapeHtml(trip.transport)}</td><td>${escapeHtml(trip.status)}</td></tr>`)
          .join('')}</tbody>
      </table>`
    : '<p class="empty">Запланированных поездок нет.</p>';

  return `<!doctype html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Личный кабинет — Командировки</title>
  <link rel="stylesheet" href="/demo.css">
</head>
<body>
  <header class="site-header">
    <div class="brand">Командировки<span>.демо</span></div>
    <nav class="switcher" aria-label="Демо: войти как">
      <span class="switcher__label">Демо: войти как</span>
      <ul>${switcher}</ul>
    </nav>
  </header>
  <main class="content">
    <h1>Личный кабинет — Командировки</h1>
    <section class="profile" aria-labelledby="profile-title">
      <h2 id="profile-title" class="customer-name">${escapeHtml(customer.name)}</h2>
      <dl>
        <dt>Компания</dt><dd>${escapeHtml(customer.company)}</dd>
        <dt>Статус</dt><dd>${escapeHtml(customer.tier)}</dd>
        <dt>E-mail</dt><dd>${escapeHtml(customer.email)}</dd>
        <dt>Бронирований</dt><dd>${customer.bookings}</dd>
      </dl>
    </section>
    <section aria-labelledby="trips-title">
      <h2 id="trips-title">Ближайшие поездки</h2>
      ${trips}
    </section>
    ${input.demoTrip ? backofficePanel(customer, input.demoTrip, input.notice) : ''}
    <p class="hint">Вопрос по поездке? Напишите в чат поддержки — кнопка в правом нижнем углу.</p>
  </main>
  <footer class="site-footer">Демонстрационный сайт Smartchat: стоит вместо кабинета клиента и бэк-офиса туристической компании.</footer>
  <script src="${escapeHtml(input.chatUrl)}/widget/loader.js" data-token="${escapeHtml(input.token)}" data-lang="ru" async></script>
</body>
</html>
`;
}

export function renderNotFoundPage(customers: readonly DemoCustomer[]): string {
  const links = customers.map((customer) => `<li><a href="/?customer=${encodeURIComponent(customer.externalId)}">${escapeHtml(customer.name)}</a></li>`).join('');
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><title>Клиент не найден — Командировки</title><link rel="stylesheet" href="/demo.css"></head>
<body><main class="content"><h1>Клиент не найден</h1><p>Выберите демо-клиента:</p><ul>${links}</ul></main></body>
</html>
`;
}

/** The back-office's buttons (demo): they send signed events to Smartchat, as the real back-office would. */
function backofficePanel(customer: DemoCustomer, trip: { departure: Date; version: number }, notice: string | undefined): string {
  const departure = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(trip.departure);
  const customerField = `<input type="hidden" name="customer" value="${escapeHtml(customer.externalId)}">`;
  return `<section class="backoffice" aria-labelledby="backoffice-title">
      <h2 id="backoffice-title">Бэк-офис (демо)</h2>
      <p>Рейс SU 1234 Москва → Сочи, вылет ${escapeHtml(departure)} (Europe/Moscow)${trip.version ? `, изменений: ${trip.version}` : ''}.</p>
      ${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
      <form method="post" action="/trips/delay">${customerField}<button type="submit">Задержать мой рейс на 2 часа</button></form>
      <form method="post" action="/documents/send">${customerField}<button type="submit">Прислать акт сверки</button></form>
      <p><a href="/webhooks">Вебхуки, полученные от Smartchat</a></p>
    </section>`;
}

export function renderWebhooksPage(received: readonly { receivedAt: string; webhookId: string; event: { type: string; timestamp: string; data: Record<string, unknown> } }[]): string {
  const rows = received
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.receivedAt)}</td><td>${escapeHtml(item.event.type)}</td><td>${escapeHtml(String(item.event.data.conversationId ?? ''))}</td><td>${escapeHtml(typeof item.event.data.body === 'string' ? item.event.data.body : '')}</td><td><code>${escapeHtml(item.webhookId)}</code></td></tr>`,
    )
    .join('');
  return renderSimplePage(
    'Вебхуки от Smartchat',
    received.length ? '' : 'Пока ничего не пришло. Откройте разговор в виджете или консоли.',
    received.length
      ? `<table class="trips"><thead><tr><th scope="col">Получен</th><th scope="col">Событие</th><th scope="col">Разговор</th><th scope="col">Текст</th><th scope="col">webhook-id</th></tr></thead><tbody>${rows}</tbody></table>`
      : '',
  );
}

export function renderSimplePage(title: string, text: string, html = ''): string {
  return `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Командировки</title><link rel="stylesheet" href="/demo.css"></head>
<body><main class="content"><h1>${escapeHtml(title)}</h1>${text ? `<p>${escapeHtml(text)}</p>` : ''}${html}<p><a href="/">В личный кабинет</a></p></main></body>
</html>
`;
}
