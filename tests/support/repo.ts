import path from 'node:path';

/** The repository's root folder (tests and scripts find fixtures, builds and locales from it). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
