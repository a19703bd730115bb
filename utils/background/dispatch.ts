/**
 * The background's message handler: the only way anything changes in the database.
 *
 * Every message is checked in this order, and refused with `{ ok: false, error }` (nothing
 * changed) at the first failure:
 * 1. the sender is this extension (`sender.id`);
 * 2. `cs:*` messages come from a tab on one of the carriers' own https hosts
 *    (`sender.tab.url` + carrierForUrl); `ui:*` messages come from an extension page
 *    (`sender.url` under runtime.getURL('/'), and no web-page tab);
 * 3. the message parses against its zod schema (utils/protocol/messages.ts);
 * 4. its handler's own checks (line exists, number not taken, …), inside one transaction.
 * After a successful write, `afterWrite` (reconcile) re-derives alarms and badge.
 *
 * fakeBrowser ignores promise-returning onMessage listeners, so this is a plain async
 * function; entrypoints/background.ts adapts it with sendResponse + `return true`.
 */
import { carrierForUrl } from '../carriers';
import { DB_NEWER_ERROR, STORAGE_FAILED, STORAGE_FULL } from '../domain/error-text';
import { describeIssues } from '../domain/issues';
import {
  CsMessageSchema,
  UiMessageSchema,
  type ErrorReply,
  type Message,
  type MessageOf,
  type MessageType,
  type OverlayText,
  type Reply,
} from '../protocol/messages';
import {
  Refusal,
  type Context,
  type CsContext,
  type Handler,
  type HandlerTable,
  type MessageDeps,
  type Outcome,
} from './context';
import { isNewerDatabaseError, readSettings, reopenIfFailed } from './db';
import { backupHandlers } from './handlers/backup';
import { lineHandlers } from './handlers/lines';
import { readingHandlers, readingOverlay } from './handlers/readings';
import { renewalHandlers } from './handlers/renewals';
import { settingsHandlers } from './handlers/settings';
import { errorText, isStorageFailure, isStorageFullError } from './storage-errors';

export type { MessageDeps } from './context';

/** The parts of runtime.MessageSender we rely on. */
export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string; incognito?: boolean };
}

/** Every message type's handler, by area. */
const HANDLERS: HandlerTable = {
  ...readingHandlers,
  ...lineHandlers,
  ...renewalHandlers,
  ...settingsHandlers,
  ...backupHandlers,
};

function fail(error: string): ErrorReply {
  return { ok: false, error: error.length > 500 ? `${error.slice(0, 497)}...` : error };
}

/** Handles one message from a content script or an extension page. Never throws. */
export async function handleMessage(
  message: unknown,
  sender: MessageSender,
  deps: MessageDeps,
): Promise<Reply> {
  // Known once the message has parsed: a failed cs:reading still answers with the overlay.
  let parsed: Message | undefined;
  let csContext: CsContext | undefined;
  try {
    // A database whose open failed earlier (disk full, IndexedDB unavailable) tries again.
    reopenIfFailed(deps.db);
    const now = deps.now();
    const context: Context = {
      deps,
      now,
      nowIso: new Date(now).toISOString(),
      newId: deps.newId ?? (() => crypto.randomUUID()),
    };
    if (!sender || typeof sender !== 'object' || sender.id !== deps.extensionId) {
      return fail('refused: message from an unknown sender');
    }
    const type =
      message !== null && typeof message === 'object' && !Array.isArray(message)
        ? (message as { type?: unknown }).type
        : undefined;
    if (typeof type !== 'string') return fail('refused: a message needs a string "type"');

    let handlerContext: Context | CsContext = context;
    if (type.startsWith('cs:')) {
      const carrier = carrierSender(sender);
      if (!carrier) return fail('refused: cs: messages are accepted only from carrier pages');
      const result = CsMessageSchema.safeParse(message);
      if (!result.success)
        return fail(`invalid ${type.slice(0, 40)}: ${describeIssues(result.error)}`);
      parsed = result.data;
      handlerContext = csContext = { ...context, ...carrier };
    } else if (type.startsWith('ui:')) {
      if (!isExtensionPage(sender, deps.extensionBaseUrl)) {
        return fail('refused: ui: messages are accepted only from extension pages');
      }
      const result = UiMessageSchema.safeParse(message);
      if (!result.success)
        return fail(`invalid ${type.slice(0, 40)}: ${describeIssues(result.error)}`);
      parsed = result.data;
    } else {
      return fail('refused: unknown message type');
    }

    // The table's type pairs each message with its handler; TypeScript cannot follow that
    // pairing through a lookup by a runtime value, hence the widening here.
    const handler = HANDLERS[parsed.type] as Handler<MessageType>;
    const outcome: Outcome<MessageType> = await handler(parsed, handlerContext as CsContext);
    if (outcome.wrote) {
      try {
        await deps.afterWrite();
      } catch (error) {
        // The write stands; alarms and badge heal on the next reconcile.
        console.warn('LineKeeper: reconcile after write failed', error);
      }
    }
    return outcome.reply;
  } catch (error) {
    const reply = failure(error);
    if (parsed?.type !== 'cs:reading' || !csContext) return reply;
    return { ...reply, overlay: await errorOverlay(parsed, csContext, reply.error) };
  }
}

function failure(error: unknown): ErrorReply {
  if (error instanceof Refusal) return fail(error.message);
  // A database written by a newer LineKeeper: refused before anything was read or written.
  if (isNewerDatabaseError(error)) {
    return fail(`refused: ${DB_NEWER_ERROR}: update LineKeeper; nothing was changed`);
  }
  console.error('LineKeeper: message handler failed', error);
  // The transaction rolled back; say "storage" plainly so the popup can localise it.
  if (isStorageFullError(error)) return fail(`failed: ${STORAGE_FULL}: ${errorText(error)}`);
  if (isStorageFailure(error)) return fail(`failed: ${STORAGE_FAILED}: ${errorText(error)}`);
  return fail(`failed: ${errorText(error)}`);
}

/**
 * The overlay for a reading that could not be stored: the error card, in the user's
 * language even when the settings cannot be read (the browser's language then).
 */
async function errorOverlay(
  message: MessageOf<'cs:reading'>,
  context: CsContext,
  error: string,
): Promise<OverlayText | null> {
  try {
    const settings = await readSettings(context.deps.db).catch(() => null);
    return await readingOverlay(message, context, settings, null, error);
  } catch (overlayError) {
    console.warn('LineKeeper: no overlay for a failed reading', overlayError);
    return null;
  }
}

function carrierSender(
  sender: MessageSender,
): Pick<CsContext, 'carrier' | 'host' | 'tabId' | 'incognito'> | null {
  const tabUrl = sender.tab?.url;
  if (typeof tabUrl !== 'string') return null;
  const carrier = carrierForUrl(tabUrl);
  if (!carrier) return null;
  const host = new URL(tabUrl).hostname.toLowerCase();
  // Login hosts are recognised but never injected into: nothing there may write.
  if (!carrier.hosts.includes(host)) return null;
  if (sender.url !== undefined && carrierForUrl(sender.url)?.id !== carrier.id) return null;
  const tabId = sender.tab?.id;
  return {
    carrier,
    host,
    tabId: typeof tabId === 'number' && Number.isInteger(tabId) ? tabId : null,
    // Anything but a plain false counts as private: when unsure, store nothing.
    incognito: sender.tab?.incognito !== false && sender.tab?.incognito !== undefined,
  };
}

function isExtensionPage(sender: MessageSender, baseUrl: string): boolean {
  if (typeof sender.url !== 'string' || !baseUrl || !sender.url.startsWith(baseUrl)) return false;
  // The popup has no tab; an extension page opened in a tab has an extension URL.
  if (sender.tab && !(typeof sender.tab.url === 'string' && sender.tab.url.startsWith(baseUrl))) {
    return false;
  }
  return true;
}
