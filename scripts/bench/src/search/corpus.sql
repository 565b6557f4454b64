-- The search benchmark's corpus: a year of a 300-agent desk's messages written straight into a
-- database with Smartchat's schema (every migration applied): teams, agents, customers,
-- conversations and search_messages, set-based. Run by corpus.ts one step at a time (each
-- `-- step:` below; `-- step: messages` once per chunk of conversations), with its parameters in
-- session settings: bench.conversations, bench.since and bench.until (UTC instants, end excluded),
-- and for the messages step bench.chunk_first and bench.chunk_last (conversation numbers).
--
-- Deterministic: every draw is a hash of (a number, a draw number), so the same parameters give the
-- same corpus. The text: sentences of 5 to 14 words (three quarters Russian, a quarter English)
-- whose words are drawn with Zipf's law (rank r with probability about 1/r) from a support desk's
-- vocabulary, most frequent first, then a long tail of rare made-up words; a message is one or two sentences, and some carry an order
-- number (A7-123456: nearly unique), a flight number (SU1234: a few hundred messages each) or a
-- file. Lexemes are computed once per sentence and joined (tsvector ||), which is what
-- to_tsvector would give the joined text, at a fraction of the cost.

-- step: helpers
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;

-- A uniform draw in [0, 1).
CREATE FUNCTION bench.u(n bigint, k integer) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (hashint8extended(n, k) & 9007199254740991)::float8 / 9007199254740992.0 $$;

-- A rank in [1, size] with probability about 1/rank (log-uniform).
CREATE FUNCTION bench.zipf(n bigint, k integer, size integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT least(size, greatest(1, floor(exp(bench.u(n, k) * ln(size + 1.0)))::integer)) $$;

CREATE TABLE bench.russian (rank integer PRIMARY KEY, word text NOT NULL);
INSERT INTO bench.russian (rank, word)
SELECT ordinality, word FROM unnest(string_to_array(
  'и в не на я что с по вы мы у нас это но как за из к вас до ли а так же бы здравствуйте спасибо '
  'пожалуйста билет билеты билета билетов заказ заказа рейс рейса поездка поездки отель отеля гостиница '
  'номер номера бронь бронирование бронирования возврат возврата деньги денег оплата оплаты счёт счета '
  'командировка командировки дата даты время вылет вылета прилёт перелёт багаж багажа место места '
  'поезд поезда самолёт самолета изменить изменение отменить отмена отмены перенести перенос подтверждение '
  'подтвердить документы документ паспорт паспорта виза визы сотрудник сотрудника сотрудников компания '
  'компании договор договора акт сверки закрывающие счёт-фактура вопрос вопросу ответ ответа помогите '
  'помочь проверить проверьте сегодня завтра вчера утром вечером срочно срочный срок сроки часов минут '
  'дней неделю ожидание ждём жду получили получил отправили отправьте пришло пришёл написал письмо '
  'почту почта менеджер менеджера клиент клиента штраф штрафа тариф тарифа класс эконом бизнес '
  'питание завтрак трансфер такси аэропорт аэропорта вокзал вокзала москва москвы сочи казань '
  'петербург новосибирск екатеринбург минск алматы стамбул дубай ереван тбилиси калининград '
  'ёлка ёж полёт зелёный чёрный учёт расчёт отчёт мёд ещё всё твёрдый '
  'проживание продление ранний поздний заезд выезд заселение выселение кровать двухместный одноместный '
  'сьют люкс скидка скидки корпоративный лимит лимита согласование согласовать руководитель бухгалтерия '
  'бухгалтерии авансовый ошибка ошибки сбой работает личный кабинет кабинете приложение сайт ссылка '
  'код смс уведомление уведомления регистрация онлайн посадочный талон стыковка пересадка задержка '
  'задержали отменили опоздал опоздание компенсация компенсации претензия жалоба благодарность отлично '
  'хорошо плохо неудобно удобно быстро медленно страховка страхования медицинская аренда автомобиля '
  'шаттл экспресс аэроэкспресс ласточка сапсан купе плацкарт вагон вагона нижнее верхнее',
  ' ')) WITH ORDINALITY AS t(word, ordinality);

CREATE TABLE bench.english (rank integer PRIMARY KEY, word text NOT NULL);
INSERT INTO bench.english (rank, word)
SELECT ordinality, word FROM unnest(string_to_array(
  'the to a i you for is on my and please we in it of booking ticket tickets flight hotel thank thanks '
  'hello refund refunds refunded change changed cancel cancellation cancelled invoice invoices '
  'payment paid trip travel traveller business reservation room rooms date dates time delay delayed '
  'baggage luggage seat seats upgrade confirm confirmation email receipt receipts card charge charged '
  'policy manager approve approval visa passport transfer airport train station taxi breakfast '
  'check checkin checkout early late night nights stay extend extension guest guests name names '
  'missing wrong error issue problem help urgent asap today tomorrow yesterday morning evening '
  'moscow london dubai istanbul berlin paris compensation complaint feedback great perfect '
  'reconciliation statement contract department accounting expense report reimbursement '
  'insurance rental car shuttle express lounge gate boarding pass connection layover itinerary',
  ' ')) WITH ORDINALITY AS t(word, ordinality);

-- The long tail: words of one text each are most of a real desk's vocabulary (names, streets,
-- hotels, misspellings). 30,000 made-up Russian words and 10,000 Latin ones follow the real words
-- in rank, so that by Zipf's law about two fifths of all words are from the tail, each of them rare.
INSERT INTO bench.russian (rank, word)
SELECT (SELECT max(rank) FROM bench.russian) + row_number() OVER (ORDER BY first), word
  FROM (
    SELECT word, min(g) AS first
      FROM (
        SELECT g, (SELECT string_agg((ARRAY['ка','ро','ми','ле','то','на','ву','зо','ри','сти','пол','гра','дин','ев','ов','бур','ше','чи','ля','мор','вел','ган','юр','тин','жа','фе','хо','цы','эль','ян'])[1 + ((hashint8extended(g * 8 + k, 51) & 1048575) % 30)::integer], '' ORDER BY k)
                     FROM generate_series(1, 2 + ((hashint8extended(g, 50) & 1048575) % 3)::integer) AS k) AS word
          FROM generate_series(1, 60000) AS g
      ) made
     WHERE NOT EXISTS (SELECT 1 FROM bench.russian r WHERE r.word = made.word)
     GROUP BY word
     ORDER BY first
     LIMIT 30000
  ) tail;
INSERT INTO bench.english (rank, word)
SELECT (SELECT max(rank) FROM bench.english) + row_number() OVER (ORDER BY first), word
  FROM (
    SELECT word, min(g) AS first
      FROM (
        SELECT g, (SELECT string_agg((ARRAY['ka','ro','mi','le','to','na','vu','zo','ri','sti','pol','gra','din','ev','ov','bur','she','chi','lya','mor','vel','gan','yur','tin','zha','fe','kho','tsy','el','yan'])[1 + ((hashint8extended(g * 8 + k, 53) & 1048575) % 30)::integer], '' ORDER BY k)
                     FROM generate_series(1, 2 + ((hashint8extended(g, 52) & 1048575) % 3)::integer) AS k) AS word
          FROM generate_series(1, 20000) AS g
      ) made
     WHERE NOT EXISTS (SELECT 1 FROM bench.english e WHERE e.word = made.word)
     GROUP BY word
     ORDER BY first
     LIMIT 10000
  ) tail;

CREATE TABLE bench.names (rank integer PRIMARY KEY, first text NOT NULL, last text NOT NULL);
INSERT INTO bench.names (rank, first, last)
SELECT ordinality, first, last FROM unnest(
  string_to_array('Иван Мария Алексей Ольга Дмитрий Анна Сергей Елена Андрей Татьяна Михаил Наталья Павел Юлия Артём Ксения Никита Дарья Роман Светлана', ' '),
  string_to_array('Петров Смирнова Иванов Кузнецова Соколов Попова Лебедев Козлова Новиков Морозова Волков Павлова Фёдоров Орлова Зайцев Егорова Белов Макарова Соловьёв Никитина', ' ')
) WITH ORDINALITY AS t(first, last, ordinality);

-- step: sentences
-- 200,000 sentences: id 1..150,000 Russian, 150,001..200,000 English.
CREATE TABLE bench.sentences (id integer PRIMARY KEY, body text NOT NULL, tsv tsvector NOT NULL);
INSERT INTO bench.sentences (id, body, tsv)
SELECT s.id, s.body, smartchat_search_vector(s.body)
  FROM (
    SELECT g AS id, string_agg(coalesce(r.word, e.word), ' ' ORDER BY w) AS body
      FROM (SELECT (SELECT count(*) FROM bench.russian)::integer AS russian, (SELECT count(*) FROM bench.english)::integer AS english) sizes
     CROSS JOIN generate_series(1, 200000) AS g
     CROSS JOIN LATERAL generate_series(1, 5 + floor(bench.u(g, 1) * 10)::integer) AS w
      LEFT JOIN bench.russian r ON g <= 150000 AND r.rank = bench.zipf(g * 16 + w, 2, sizes.russian)
      LEFT JOIN bench.english e ON g > 150000 AND e.rank = bench.zipf(g * 16 + w, 3, sizes.english)
     GROUP BY g
  ) s;
ANALYZE bench.sentences;

-- step: directory
-- Six teams of different sizes; 300 agents (50 per team), customers (a third as many as conversations).
INSERT INTO teams (id, name)
SELECT md5('bench-team-' || t)::uuid, (ARRAY['Авиа', 'Отели', 'Ж/д', 'Визы', 'Бухгалтерия', 'VIP'])[t] FROM generate_series(1, 6) AS t;
INSERT INTO agents (id, email, name, password_hash, role)
SELECT md5('bench-agent-' || a)::uuid, 'search-bench-agent-' || a || '@bench.test', 'Агент ' || a, 'not-a-password-hash', 'agent' FROM generate_series(1, 300) AS a;
INSERT INTO team_members (team_id, agent_id)
SELECT md5('bench-team-' || (1 + (a - 1) / 50))::uuid, md5('bench-agent-' || a)::uuid FROM generate_series(1, 300) AS a;
INSERT INTO customers (id, external_id, name, email)
SELECT md5('bench-customer-' || k)::uuid, 'cust-' || lpad(k::text, 7, '0'),
       n.first || ' ' || n.last, 'client' || k || '@mail.example'
  FROM generate_series(1, greatest(1, current_setting('bench.conversations')::integer / 3)) AS k
  JOIN bench.names n ON n.rank = 1 + (hashint8extended(k, 11) & 1048575) % 20;

-- step: conversations
-- The list-change announcements (NOTIFY per changed conversation) are for live consoles; none here.
ALTER TABLE conversations DISABLE TRIGGER USER;
-- Spread evenly over the year in number order; teams weighted 30/25/15/12/10/8 %; closed mostly.
INSERT INTO conversations (id, customer_id, channel, internal, team_id, assignee_id, status, topic, subject, created_at, updated_at, last_message_at)
SELECT md5('bench-conversation-' || c)::uuid,
       md5('bench-customer-' || (1 + (hashint8extended(c, 21) & 1048575) % greatest(1, current_setting('bench.conversations')::integer / 3)))::uuid,
       CASE WHEN bench.u(c, 22) < 0.05 THEN 'internal' WHEN bench.u(c, 22) < 0.22 THEN 'email' ELSE 'widget' END,
       bench.u(c, 22) < 0.05,
       md5('bench-team-' || team)::uuid,
       md5('bench-agent-' || ((team - 1) * 50 + 1 + (hashint8extended(c, 24) & 1048575) % 50))::uuid,
       CASE WHEN bench.u(c, 25) < 0.90 THEN 'closed' WHEN bench.u(c, 25) < 0.97 THEN 'open' ELSE 'snoozed' END,
       'Вопрос ' || (1 + c % 12),
       CASE WHEN bench.u(c, 22) >= 0.05 AND bench.u(c, 22) < 0.22 THEN (SELECT body FROM bench.sentences WHERE id = 1 + (hashint8extended(c, 26) & 1048575) % 150000) END,
       at, at, at
  FROM (
    SELECT c,
           CASE WHEN bench.u(c, 23) < 0.30 THEN 1 WHEN bench.u(c, 23) < 0.55 THEN 2 WHEN bench.u(c, 23) < 0.70 THEN 3
                WHEN bench.u(c, 23) < 0.82 THEN 4 WHEN bench.u(c, 23) < 0.92 THEN 5 ELSE 6 END AS team,
           current_setting('bench.since')::timestamptz
             + (current_setting('bench.until')::timestamptz - current_setting('bench.since')::timestamptz - interval '3 days') * ((c - 1)::float8 / current_setting('bench.conversations')::integer) AS at
      FROM generate_series(1, current_setting('bench.conversations')::integer) AS c
  ) numbered;

-- step: partitions
-- One partition per month of the span, named as the indexer names them.
DO $$
DECLARE
  month timestamptz := date_trunc('month', current_setting('bench.since')::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
BEGIN
  WHILE month < current_setting('bench.until')::timestamptz + interval '1 month' LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF search_messages FOR VALUES FROM (%L) TO (%L)',
                   'search_messages_y' || to_char(month AT TIME ZONE 'UTC', 'YYYY') || 'm' || to_char(month AT TIME ZONE 'UTC', 'MM'),
                   month, month + interval '1 month');
    month := month + interval '1 month';
  END LOOP;
END $$;
-- Loaded without these (built afterwards, far faster than row by row); the key stays.
DROP INDEX IF EXISTS search_messages_tsv;
DROP INDEX IF EXISTS search_messages_conversation;

-- step: messages
-- Conversations bench.chunk_first..bench.chunk_last: 10 to 30 messages each (20 on average), a few
-- minutes to an hour apart; kinds 45 % customer, 38 % reply, 12 % note, 5 % system.
INSERT INTO search_messages (created_at, message_id, conversation_id, kind, body, has_attachment, deleted, tsv, indexed_at)
SELECT m.at, md5('bench-message-' || m.c || '-' || m.j)::uuid, md5('bench-conversation-' || m.c)::uuid, m.kind,
       concat_ws(' ', a.body, b.body, m.extra), coalesce(m.extra LIKE '%.pdf', false), bench.u(m.c * 64 + m.j, 37) < 0.002,
       a.tsv || coalesce(b.tsv, ''::tsvector) || coalesce(smartchat_search_vector(m.extra), ''::tsvector),
       m.at
  FROM (
    SELECT c, j, n,
           conversation.created_at + (j * (2 + bench.u(c * 64 + j, 31) * 60)) * interval '1 minute' AS at,
           CASE WHEN bench.u(c * 64 + j, 32) < 0.45 THEN 'customer' WHEN bench.u(c * 64 + j, 32) < 0.83 THEN 'reply' WHEN bench.u(c * 64 + j, 32) < 0.95 THEN 'note' ELSE 'system' END AS kind,
           -- English conversations (a quarter) draw English sentences.
           CASE WHEN bench.u(c, 30) < 0.25 THEN 150001 + (hashint8extended(c * 64 + j, 33) & 1048575) % 50000 ELSE 1 + (hashint8extended(c * 64 + j, 33) & 1048575) % 150000 END AS first_sentence,
           CASE WHEN bench.u(c * 64 + j, 34) < 0.5 THEN NULL
                WHEN bench.u(c, 30) < 0.25 THEN 150001 + (hashint8extended(c * 64 + j, 35) & 1048575) % 50000 ELSE 1 + (hashint8extended(c * 64 + j, 35) & 1048575) % 150000 END AS second_sentence,
           CASE WHEN bench.u(c * 64 + j, 36) < 0.06 THEN 'заказ A' || (hashint8extended(c * 64 + j, 38) & 7) || '-' || lpad(((hashint8extended(c * 64 + j, 39) & 1048575) % 1000000)::text, 6, '0')
                WHEN bench.u(c * 64 + j, 36) < 0.14 THEN 'рейс SU' || lpad(((hashint8extended(c * 64 + j, 40) & 1048575) % 5000)::text, 4, '0')
                WHEN bench.u(c * 64 + j, 36) < 0.18 THEN 'акт-сверки-' || ((hashint8extended(c * 64 + j, 41) & 1048575) % 100000) || '.pdf'
           END AS extra
      FROM generate_series(current_setting('bench.chunk_first')::integer, current_setting('bench.chunk_last')::integer) AS c
      JOIN conversations conversation ON conversation.id = md5('bench-conversation-' || c)::uuid
      CROSS JOIN LATERAL (SELECT 10 + floor(bench.u(c, 29) * 21)::integer AS n) count
      CROSS JOIN LATERAL generate_series(1, count.n) AS j
  ) m
  JOIN bench.sentences a ON a.id = m.first_sentence
  LEFT JOIN bench.sentences b ON b.id = m.second_sentence
 ORDER BY m.at;

-- step: conversation times
UPDATE conversations c SET last_message_at = last.at, updated_at = last.at
  FROM (SELECT conversation_id, max(created_at) AS at FROM search_messages GROUP BY conversation_id) last
 WHERE last.conversation_id = c.id;
ALTER TABLE conversations ENABLE TRIGGER USER;
