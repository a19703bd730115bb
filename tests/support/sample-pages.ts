/**
 * Invented carrier pages whose dates are relative to `now`, for the demo and for e2e tests
 * that check days left, alarms and the badge (fixture pages have fixed dates and would
 * drift into the past). Each carrier keeps its own in tests/fixtures/<carrier>/sample/:
 * an HTML template (`{{EXPIRY}}`, `{{DATE+N}}`, `{{OPERATION}}`) and a JSON of what it
 * shows. The numbers and amounts are made up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CARRIERS, type CarrierId } from '../../utils/carriers';
import { addDays, todayInBuenosAires } from '../../utils/domain/time';
import { REPO_ROOT } from './repo';

export interface SamplePage {
  carrier: CarrierId;
  url: string;
  html: string;
  msisdn: string;
  expiresOn: string;
  balance: number;
}

export interface ReceiptPage {
  url: string;
  html: string;
  msisdn: string;
  operationId: string;
  amount: number;
  /** The operation's date as printed: today in Buenos Aires. */
  date: string;
}

/** The Buenos Aires calendar date `days` after today there, as YYYY-MM-DD. */
export function buenosAiresDatePlus(now: Date, days: number): string {
  return addDays(todayInBuenosAires(now), days);
}

function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function sampleDir(carrier: CarrierId): string {
  return path.join(REPO_ROOT, 'tests/fixtures', carrier, 'sample');
}

function readTemplate<T>(carrier: CarrierId, name: string): { html: string; meta: T } {
  const file = path.join(sampleDir(carrier), name);
  return {
    html: readFileSync(`${file}.html`, 'utf8'),
    meta: JSON.parse(readFileSync(`${file}.json`, 'utf8')) as T,
  };
}

function render(html: string, now: Date, values: Record<string, string>): string {
  return html
    .replace(/\{\{DATE\+(\d+)\}\}/g, (_, days: string) =>
      ddmmyyyy(buenosAiresDatePlus(now, Number(days))),
    )
    .replace(/\{\{([A-Z]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A carrier's sample account page; its line expires `daysLeft` days from `now`. */
export function sampleAccountPage(carrier: CarrierId, now: Date, daysLeft?: number): SamplePage {
  const { html, meta } = readTemplate<{
    url: string;
    msisdn: string;
    balance: number;
    daysLeft: number;
  }>(carrier, 'account');
  const expiresOn = buenosAiresDatePlus(now, daysLeft ?? meta.daysLeft);
  return {
    carrier,
    url: meta.url,
    html: render(html, now, { EXPIRY: ddmmyyyy(expiresOn) }),
    msisdn: meta.msisdn,
    expiresOn,
    balance: meta.balance,
  };
}

export const claroAccountPage = (now: Date, daysLeft?: number) =>
  sampleAccountPage('claro', now, daysLeft);
export const movistarAccountPage = (now: Date, daysLeft?: number) =>
  sampleAccountPage('movistar', now, daysLeft);
export const personalAccountPage = (now: Date, daysLeft?: number) =>
  sampleAccountPage('personal', now, daysLeft);

/** A Claro online-recharge confirmation, dated today. */
/**
 * The Claro sample page (expiring in 19 days) with a banner naming another expiry, 40 days
 * out: two competing dates, so the overlay asks which is the line's.
 */
export function claroPageWithTwoExpiries(now: Date): SamplePage & { other: string } {
  const sample = claroAccountPage(now, 19);
  const other = buenosAiresDatePlus(now, 40);
  const [y, m, d] = other.split('-');
  const html = sample.html.replace(
    '<main>',
    `<main><p class="card">Tu saldo vence el ${d}/${m}/${y}.</p>`,
  );
  return { ...sample, html, other };
}

export function claroReceiptPage(now: Date, operationId?: string): ReceiptPage {
  const { html, meta } = readTemplate<{
    url: string;
    msisdn: string;
    amount: number;
    operationId: string;
  }>('claro', 'receipt');
  const id = operationId ?? meta.operationId;
  return {
    url: meta.url,
    html: render(html, now, { OPERATION: id }),
    msisdn: meta.msisdn,
    operationId: id,
    amount: meta.amount,
    date: buenosAiresDatePlus(now, 0),
  };
}

/** Every carrier's sample account page, in registry order. */
export function sampleAccountPages(now: Date): SamplePage[] {
  return CARRIERS.map((carrier) => sampleAccountPage(carrier.id, now));
}
