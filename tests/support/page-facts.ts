/**
 * What a content script sends about an ordinary account page with its reading
 * (cs:reading's `page`): for tests and benchmarks that send readings by hand.
 */
import type { PageFacts } from '../../utils/protocol/messages';

export const ACCOUNT_PAGE: PageFacts = {
  urlKind: 'account',
  signals: { paymentFailed: false, notCharged: false, accountVocabulary: true, translated: false },
};
