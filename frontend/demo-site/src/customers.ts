// The demo customers of the travel company's back-office: who they are on the account page and
// what the agents' console shows about them (GET /customers/:externalId).

export interface Trip {
  /** dd.mm */
  date: string;
  route: string;
  transport: string;
  status: string;
}

export interface DemoCustomer {
  externalId: string;
  name: string;
  email: string;
  company: string;
  tier: string;
  bookings: number;
  trips: readonly Trip[];
}

export const demoCustomers: readonly DemoCustomer[] = [
  {
    externalId: 'demo-customer-1',
    name: 'Иван Петров',
    email: 'ivan.petrov@romashka.example',
    company: 'ООО Ромашка',
    tier: 'VIP',
    bookings: 14,
    trips: [
      { date: '28.11', route: 'Москва → Казань', transport: 'Поезд «Ласточка», вагон 3', status: 'Билеты выписаны' },
      { date: '03.12', route: 'Казань → Москва', transport: 'Рейс SU 1291', status: 'Ожидает оплаты' },
      { date: '15.12', route: 'Москва → Санкт-Петербург', transport: 'Отель «Невский», 2 ночи', status: 'Подтверждено' },
    ],
  },
  {
    externalId: 'demo-customer-2',
    name: 'Ольга Кузнецова',
    email: 'o.kuznetsova@vector.example',
    company: 'АО Вектор',
    tier: 'Стандарт',
    bookings: 3,
    trips: [{ date: '02.12', route: 'Екатеринбург → Новосибирск', transport: 'Рейс S7 2543', status: 'Билеты выписаны' }],
  },
  {
    externalId: 'demo-customer-3',
    name: 'Алексей Смирнов',
    email: 'a.smirnov@orion.example',
    company: 'ИП Смирнов',
    tier: 'Новый клиент',
    bookings: 0,
    trips: [],
  },
];

/** What the agents' console shows beside a conversation with this customer. */
export function backofficeCard(customer: DemoCustomer, siteUrl: string): { fields: { label: string; value: string }[]; links: { label: string; url: string }[] } {
  const next = customer.trips[0];
  const profile = new URL('/', siteUrl);
  profile.searchParams.set('customer', customer.externalId);
  return {
    fields: [
      { label: 'Компания', value: customer.company },
      { label: 'Статус', value: customer.tier },
      { label: 'Ближайшая поездка', value: next ? `${next.date} ${next.route}` : 'нет' },
      { label: 'Бронирований', value: String(customer.bookings) },
      { label: 'E-mail', value: customer.email },
    ],
    links: [{ label: 'Личный кабинет клиента', url: profile.toString() }],
  };
}
