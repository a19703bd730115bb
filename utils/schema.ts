/**
 * The one source of truth for every shape LineKeeper stores or passes around.
 * `zod/mini` keeps the bundles small (full zod costs ~23 KB gzip per entrypoint and
 * trips web-ext's eval warning); TypeScript types are inferred from these schemas.
 */
import * as z from 'zod/mini';

export const CARRIER_IDS = ['claro', 'movistar', 'personal'] as const;
export const CarrierIdSchema = z.enum(CARRIER_IDS);
export type CarrierId = z.infer<typeof CarrierIdSchema>;

/** A Buenos Aires calendar date, `YYYY-MM-DD`, that exists on the calendar. */
export const IsoDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
  z.refine((value) => isRealCalendarDate(value), 'no such calendar date'),
);
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** Argentine mobile number in E.164 form: +549 + 10 digits (area code + subscriber). */
export const MsisdnSchema = z
  .string()
  .check(z.regex(/^\+549\d{10}$/, 'expected an Argentine mobile number as +549XXXXXXXXXX'));
export type Msisdn = z.infer<typeof MsisdnSchema>;

export const MoneySchema = z.object({
  amount: z.number().check(
    z.refine((n) => Number.isFinite(n), 'amount must be a finite number'),
    z.gte(0),
    z.lte(100_000_000),
  ),
  currency: z.literal('ARS'),
});
export type Money = z.infer<typeof MoneySchema>;

export const PageKindSchema = z.enum(['account', 'receipt', 'none']);
export type PageKind = z.infer<typeof PageKindSchema>;

export const ReceiptSchema = z.object({
  amount: z.number().check(
    z.refine((n) => Number.isFinite(n), 'amount must be a finite number'),
    z.gt(0),
    z.lte(100_000_000),
  ),
  currency: z.literal('ARS'),
  operationId: z.string().check(z.minLength(1), z.maxLength(64)),
  date: z.nullable(IsoDateSchema),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** What the reading engine made of one page (see shared/docs/reading-rules.md). */
export const ReadingSchema = z.object({
  carrier: z.nullable(CarrierIdSchema),
  kind: PageKindSchema,
  msisdn: z.nullable(MsisdnSchema),
  balance: z.nullable(MoneySchema),
  expiresOn: z.nullable(IsoDateSchema),
  receipt: z.nullable(ReceiptSchema),
  notes: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(50)),
});
export type Reading = z.infer<typeof ReadingSchema>;

function isRealCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
