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
