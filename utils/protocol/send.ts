/**
 * The one way the content script and the popup talk to the background. The reply's type
 * follows from the message's (`ReplyOf`), so a caller that reads a field the reply does not
 * have does not compile. Never throws: no worker, a refusal or no answer at all all come
 * back as `{ ok: false, error }`. No zod here: the content script is small on every page.
 */
import { browser } from 'wxt/browser';
import type { Message, ReplyOf } from './messages';

export async function send<M extends Message>(message: M): Promise<ReplyOf<M['type']>> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(message);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (
    reply === null ||
    typeof reply !== 'object' ||
    typeof (reply as { ok?: unknown }).ok !== 'boolean'
  ) {
    return { ok: false, error: 'no answer from LineKeeper' };
  }
  if ((reply as { ok: boolean }).ok === false) {
    const { error, overlay } = reply as { error?: unknown; overlay?: unknown };
    const failed = {
      ok: false as const,
      error: typeof error === 'string' ? error : 'unknown error',
    };
    // A failed cs:reading may carry the overlay's error card (its text, from the background).
    return (overlay ? { ...failed, overlay } : failed) as ReplyOf<M['type']>;
  }
  return reply as ReplyOf<M['type']>;
}
