import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, smallint, date, timestamp, boolean, jsonb, index, primaryKey } from 'drizzle-orm/pg-core';
import { cities } from './geo.ts';

/**
 * Customers (the data foundation). Personal data classes (DESIGN.md rule 8) are noted per column:
 * L1 basic (masked in every view), L2 behavioural, L3 sensitive. Plaintext L3 values are not stored
 * here: the ID number only as a keyed hash (for matching), income only as a coarse band.
 * customer_id is the distribution key of every customer-side table.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** L1 */
    name: text('name').notNull(),
    /** L1, 11-digit mainland mobile number */
    phone: text('phone').notNull(),
    /** L3 derived: HMAC-SHA256 of the resident ID number (hex); the number itself is never stored. */
    idNumberHash: text('id_number_hash'),
    /** M | F */
    gender: text('gender'),
    birthDate: date('birth_date', { mode: 'string' }),
    cityId: integer('city_id').references(() => cities.id),
    /** salaried | civil_servant | soe_employee | professional | self_employed | gig_worker | retired */
    occupation: text('occupation'),
    /** high_school | associate | bachelor | postgraduate */
    education: text('education'),
    /** single | married | divorced */
    maritalStatus: text('marital_status'),
    children: smallint('children'),
    /** Monthly income band in yuan (L3 class as a band): lt5k | 5k_10k | 10k_20k | 20k_50k | ge50k */
    incomeBand: text('income_band'),
    /** Credit file summary (L3): thin | established | impaired */
    creditFile: text('credit_file'),
    /** L2: 0..100 how much the customer uses digital channels */
    digitalScore: smallint('digital_score'),
    /** L2: ios | android */
    devicePlatform: text('device_platform'),
    appUser: boolean('app_user').notNull().default(false),
    /** L2: sms | email | app_push | wechat | call | dealer */
    preferredChannel: text('preferred_channel'),
    /** The channel through which the customer first became known. */
    acquisitionChannel: text('acquisition_channel'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'simulator' for demo data. */
    source: text('source').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // --- added by the customer data foundation (issue 7); nullable/defaulted so the simulator's COPY stays as it is ---
    /** person | company */
    kind: text('kind').notNull().default('person'),
    /** true while only weak identifiers (device, cookie, openid …) are known: events attach here until a strong one arrives */
    anonymous: boolean('anonymous').notNull().default(false),
    /** set when this profile was merged into another (customer_merges holds who/why); reads follow it to the survivor */
    mergedInto: uuid('merged_into'),
    /** L3: the resident ID number, AES-256-GCM under AUTOFIN_MASTER_KEY (never plaintext); for authorised unmasking */
    idNumberEnc: text('id_number_enc'),
    /** L1 */
    email: text('email'),
    /** L2: a dealer's or partner's own id for the person, when imported from a CRM */
    externalRef: text('external_ref'),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [index('customers_id_number_hash_idx').on(t.idNumberHash), index('customers_merged_into_idx').on(t.mergedInto).where(sql`${t.mergedInto} IS NOT NULL`), index('customers_city_idx').on(t.cityId), index('customers_phone_idx').on(t.phone)],
);

/**
 * Consent per purpose and per channel (PIPL). purpose: marketing | profiling | credit_check | data_sharing;
 * channel: sms | email | app_push | wechat | call | any. A customer without a 'granted' marketing row for a
 * channel may not be sent marketing on it.
 */
export const customerConsents = pgTable(
  'customer_consents',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    channel: text('channel').notNull(),
    /** granted | withdrawn */
    status: text('status').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Where it was captured: app | web | dealer | call_centre | wechat */
    capturedVia: text('captured_via').notNull(),
    source: text('source').notNull().default('manual'),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.purpose, t.channel] }), index('customer_consents_purpose_idx').on(t.purpose, t.channel, t.status)],
);

/**
 * Behavioural events (L2): ad_click | calculator_use | dealer_visit | test_drive | quote_view | app_open.
 * The primary key leads with customer_id, the distribution key. partner_id is set for dealer-side events.
 */
export const customerEvents = pgTable(
  'customer_events',
  {
    customerId: uuid('customer_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    type: text('type').notNull(),
    /** ad_click: douyin | wechat | baidu | autohome | dongchedi | xiaohongshu | sms | app_push; otherwise where it happened: app | web | online | dealer */
    channel: text('channel').notNull(),
    campaign: text('campaign'),
    partnerId: uuid('partner_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    payload: jsonb('payload').notNull().default({}),
    source: text('source').notNull().default('manual'),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    // Segment windows read (type, occurred_at) ranges index-only with the customer id (ADR 0018); the
    // events are append-only, so the visibility map stays set and the scan needs no heap.
    index('customer_events_type_time_customer_idx').on(t.type, t.occurredAt, t.customerId),
  ],
);
