/**
 * The list's convention for long author lists: the first ten names, then "others" (126 of the
 * seed's 133 truncated lists stop at ten).
 */
export const AUTHOR_LIMIT = 10;

export interface AuthorFields {
  authors?: string[];
  others?: true;
}

/** `names` in order; `truncated` when the source itself already cut the list ("and others"). */
export function authorFields(names: readonly string[], truncated = false): AuthorFields {
  const kept = names.filter((name) => name !== '').slice(0, AUTHOR_LIMIT);
  const fields: AuthorFields = {};
  if (kept.length > 0) fields.authors = kept;
  if (truncated || names.length > AUTHOR_LIMIT) fields.others = true;
  return fields;
}
