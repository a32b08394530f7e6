/**
 * Trims and folds every run of whitespace (spaces, tabs, line breaks, no-break spaces) into one
 * space: how names, titles and reasons are stored, so "Nguyễn  Văn\tAn " is the same name as "Nguyễn Văn An".
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Folds Vietnamese text for search: lower case, no tone or vowel marks, đ → d.
 * "Nguyễn Văn Ánh" and "nguyen van anh" fold to the same string.
 */
export function foldVietnamese(text: string): string {
  return collapseWhitespace(text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase());
}
