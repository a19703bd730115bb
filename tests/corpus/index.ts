/** The labelled page corpus: generator, ground truth and scoring (see README.md). */
export { generateCorpus, generatePage, type CorpusOptions, type CorpusPage } from './generate';
export type { Truth, CarrierId, PageKind, PageType } from './truth';
export {
  scoreReading,
  summarise,
  FIELDS,
  type FieldName,
  type PageScore,
  type Summary,
} from './score';
