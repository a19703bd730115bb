/**
 * A zod error as one short sentence for a refusal (`path: message; …`, three issues at
 * most): what the background answers for an invalid message, line or backup.
 */
import type * as z from 'zod/mini';

export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.map((part) => String(part).slice(0, 40)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
